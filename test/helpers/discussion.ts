/** Helpers for discussion tests: discussion and moderation settings, comments in bulk, guest posts. */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.js';
import {
  DEFAULT_SETTINGS,
  getModerationSettings,
  SETTINGS_KEY,
  type ModerationSettings,
} from '../../src/features/comments/moderation/moderation.settings.js';
import { insertComment, touchDiscussion } from '../../src/features/comments/comment.write.repo.js';
import { putSetting } from '../../src/platform/settings.repo.js';
import {
  DEFAULT_DISCUSSION_SETTINGS,
  DISCUSSION_SETTINGS_KEY,
  type DiscussionSettings,
} from '../../src/features/comments/discussion-settings.js';
import type { AppInstance } from '../../src/app.js';
import type { FormSession } from './forms.js';

export async function setDiscussionSettings(db: Kysely<Database>, over: Partial<DiscussionSettings>): Promise<void> {
  await putSetting(db, DISCUSSION_SETTINGS_KEY, { ...DEFAULT_DISCUSSION_SETTINGS, ...over }, new Date());
}

/**
 * Stores the publisher's moderation settings (the defaults with `over`), as the settings page does. The
 * discussion's own mechanics run through the real policy with settings under which their comments pass
 * (e.g. `{ newCommenterApprovals: 0 }`: no hold for a first comment); tests of what the discussion does
 * with each verdict give their app stub phases instead (createTestApp's `phases`).
 */
export async function setModerationSettings(db: Kysely<Database>, over: Partial<ModerationSettings>): Promise<void> {
  await putSetting(db, SETTINGS_KEY, { ...DEFAULT_SETTINGS, ...over }, new Date());
}

/** Stores moderation settings for one test and returns a function storing back the ones it replaced. */
export async function useModerationSettings(
  db: Kysely<Database>,
  over: Partial<ModerationSettings>,
): Promise<() => Promise<void>> {
  const before = await getModerationSettings(db);
  await setModerationSettings(db, over);
  return () => putSetting(db, SETTINGS_KEY, before, new Date());
}

/** Posts the comment form as a guest (the way a browser without JavaScript does). */
export async function postAsGuest(
  s: FormSession,
  slug: string,
  over: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  return s.post(
    `/articles/${slug}/comments`,
    { body: 'A thoughtful comment.', name: 'Ann Reader', email: 'ann.private@example.test', ...over },
    headers,
  );
}

/** Inserts approved top-level comments one second apart, oldest first; returns their ids. */
export async function makeThreads(
  db: Kysely<Database>,
  articleId: number,
  count: number,
  start = '2026-06-01T00:00:00Z',
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      await insertComment(db, {
        articleId,
        parentId: null,
        threadId: null,
        depth: 0,
        replyToName: null,
        authorUserId: null,
        authorName: `Reader ${i}`,
        authorEmail: `reader${i}@example.test`,
        ipHash: null,
        bodyHtml: `<p>Thread number ${i}</p>`,
        status: 'approved',
        editTokenHash: null,
        createdAt: new Date(new Date(start).getTime() + i * 1000).toISOString(),
      }),
    );
  }
  await touchDiscussion(db, articleId);
  return ids;
}

/** Comment ids in the order a page lists them. */
export const listedIds = (html: string): number[] =>
  [...html.matchAll(/<li class="comment [^"]*" id="comment-(\d+)"/g)].map((m) => Number(m[1]));

/**
 * Follows the discussion's "Load more" links from `first` to the last page, as a reader without
 * JavaScript would: every listed comment id in page order, and each further page's URL.
 */
export async function walkDiscussionPages(
  app: AppInstance,
  first: string,
): Promise<{ ids: number[]; nextUrls: string[] }> {
  const ids: number[] = [];
  const nextUrls: string[] = [];
  let url: string | null = first;
  while (url) {
    const body: string = (await app.inject(url)).body;
    ids.push(...listedIds(body));
    const next: RegExpExecArray | null = /class="button load-more" href="([^"]+)"/.exec(body);
    url = next ? next[1]!.replace(/&amp;/g, '&').replace(/#.*$/, '') : null;
    if (url) nextUrls.push(url);
  }
  return { ids, nextUrls };
}
