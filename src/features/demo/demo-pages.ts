/** The demo's own pages: what a small newsroom says about itself (kind = 'page', served at /pages/<slug>). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { iso } from '../../platform/clock.js';
import { renderArticleBody } from '../articles/index.js';

export const DEMO_PAGES = [
  {
    slug: 'about',
    headline: 'About The Broadsheet',
    excerpt: 'A small, reader-funded newsroom covering the city’s transport, housing and council decisions.',
    body: `The Broadsheet is an independent newsroom of four reporters and one editor, covering the city we live in: how it moves, where people can afford to live, and what the council decides in their name.

We started in 2019, when the last daily paper closed its city desk. Since then we have sat through more than 300 council meetings, read every budget line by line and published the timetables the transport authority would rather we did not.

## Who pays for this

Our readers. About 2,400 of them give every month, from three dollars up; a further share comes from one-off gifts. We take no money from political parties, property developers or the companies we report on, and no advertiser sees a story before you do. Every dollar in and out is on our [ledger](/ledger).

## Who we are

- **Maria Okafor**, editor and city hall reporter
- **Tom Becker**, transport and data
- **Lena Ibrahim**, housing and schools
- **Sam Novak**, courts, police and investigations; high-school sports on Saturdays
- **Priya Raman**, community, business and the arts; membership

Ruth Adeyemi, a retired city planner, writes a monthly column for us. Her opinions are her own.

## What we promise

We correct our mistakes in the open: every correction is dated and kept under the story it fixes, and collected on the [corrections page](/corrections). Our full standards are in our [ethics policy](/pages/ethics); if you think we fell short of them, tell us.`,
  },
  {
    slug: 'contact',
    headline: 'Contact us',
    excerpt: 'Tips, corrections, membership questions and letters: how to reach the newsroom.',
    body: `We read everything that reaches us, though we cannot always answer at once. The newsroom is staffed Monday to Friday, 8 am to 6 pm.

## News tips

Seen something we should look into? Write to tips@broadsheet.example. If you need to stay anonymous, say so in your first message and do not write from a work account; we will suggest a safer way to talk.

## Corrections

If we got something wrong, write to corrections@broadsheet.example with the headline and what you believe is wrong. An editor reviews every request within two working days.

## Membership and donations

Questions about a gift, a receipt or a monthly donation: members@broadsheet.example. To stop a monthly gift, you do not need to write to anyone: use the link in any receipt.

## Letters

Letters to the editor of up to 300 words go to letters@broadsheet.example. Please include your name and neighbourhood; we do not publish anonymous letters.

## By post

The Broadsheet, 14 Harbour Lane, Second Floor, Riverton.`,
  },
  {
    slug: 'ethics',
    headline: 'Ethics policy',
    excerpt: 'How we report, whom we take money from, how we correct mistakes and how we run the comments.',
    body: `We are a small newsroom, and we cannot promise to get everything right. We can promise to tell you how we work, and to own our mistakes when we make them.

## Independence

We take no money from political parties, candidates, property developers, or any company or person we are reporting on at the time. Donors do not see stories before publication and have no say in what we cover. If a donor of more than 1,000 dollars a year appears in a story, we say so in the story.

Staff do not hold office in political parties or campaign groups, and do not report on organisations they or their families work for.

## Sources

- We name our sources wherever we can. When we grant anonymity, it is because the source would face real harm, and an editor knows who the source is.
- We do not pay for information.
- We give people and organisations we report on a fair chance to answer, with enough time to do so, and we print their answer.

## Corrections

When we get a fact wrong we fix it in the article and add a dated note beneath it saying what changed. We do not quietly edit mistakes away. Every correction is also listed on our [corrections page](/corrections). To ask for one, write to corrections@broadsheet.example or leave a comment under the story; reporters read them.

## Comments

Comments are part of our journalism, and our reporters answer them. We remove personal attacks, threats, spam and things that are plainly false and harmful. First-time commenters and comments with several links may wait for a moderator before they appear. Readers can report a comment; a moderator looks at every report.

## Images

We do not alter news photographs beyond cropping and adjusting exposure. Charts are drawn from the figures we cite, and we name the source under each one.`,
  },
] as const;

/** Writes the demo pages, published, comments closed. */
export async function seedPages(db: Kysely<Database>, now: Date): Promise<void> {
  const t = iso(new Date(now.getTime() - 30 * 24 * 3600_000));
  for (const p of DEMO_PAGES) {
    await db
      .insertInto('articles')
      .values({
        kind: 'page',
        slug: p.slug,
        headline: p.headline,
        excerpt: p.excerpt,
        body_md: p.body,
        body_html: renderArticleBody(p.body),
        dateline: null,
        section_id: null,
        lead_image_id: null,
        comments_open: 0,
        status: 'published',
        published_at: t,
        created_at: t,
        updated_at: t,
      })
      .execute();
  }
}
