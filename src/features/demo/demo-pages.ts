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
- **Lena Ibrahim**, housing
- **Sam Novak**, courts and police
- **Priya Raman**, audience and membership

## What we promise

We correct our mistakes in the open: every correction is dated and kept under the story it fixes, and collected on the [corrections page](/corrections). Our full standards are in our ethics policy; if you think we fell short of them, tell us.`,
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

The Broadsheet, 14 Harbour Lane, Second Floor, Riverside.`,
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
