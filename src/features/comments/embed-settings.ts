/**
 * Which sites may show the embedded discussion: the publisher lists their addresses (`https://partner.example`);
 * the embed's pages then allow only those in `frame-ancestors` (and this site itself), so a browser refuses to
 * show the frame anywhere else. An empty list lets any site embed it, as before a list is saved. Stored under
 * one key in `settings` (read on every embed page: one primary-key row), audit-logged.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { msg } from '../../lib/message.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { getSetting, putSetting } from '../../platform/settings.repo.js';

export const EMBED_SETTINGS_KEY = 'embed';
/** More than a newsroom has partners, few enough to keep the header short. */
export const MAX_EMBED_ORIGINS = 50;

export interface EmbedSettings {
  /** Origins (`https://partner.example`, `http://localhost:8080`) allowed to frame the discussion; empty: any. */
  origins: string[];
}

export async function getEmbedSettings(db: Kysely<Database>): Promise<EmbedSettings> {
  const s = await getSetting<EmbedSettings>(db, EMBED_SETTINGS_KEY, { origins: [] });
  return { origins: Array.isArray(s.origins) ? s.origins.filter((o) => typeof o === 'string') : [] };
}

/** The `frame-ancestors` value for the embed's pages. */
export function frameAncestorsOf(s: EmbedSettings): string {
  return s.origins.length === 0 ? '*' : `'self' ${s.origins.join(' ')}`;
}

/**
 * The origins in what the publisher typed: one per line (or separated by spaces or commas), each an address of
 * a site; a page's address counts as its site's (`https://partner.example/news/` → `https://partner.example`).
 * Anything else is refused with the entry that is wrong, and nothing is saved.
 */
export function parseOrigins(text: string): string[] {
  const entries = text
    .split(/[\s,]+/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const origins: string[] = [];
  for (const entry of entries) {
    let url: URL | null = null;
    try {
      url = new URL(entry);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password)
      throw new AppError(
        'EMBED_ORIGIN_INVALID',
        msg('modsettings.embed_error_origin', { entry: entry.slice(0, 200) }),
        {
          fields: { origins: msg('modsettings.embed_error_origin', { entry: entry.slice(0, 200) }) },
        },
      );
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  if (origins.length > MAX_EMBED_ORIGINS)
    throw new AppError('EMBED_ORIGIN_INVALID', msg('modsettings.embed_error_many', { max: MAX_EMBED_ORIGINS }), {
      fields: { origins: msg('modsettings.embed_error_many', { max: MAX_EMBED_ORIGINS }) },
    });
  return origins;
}

/** Saves the list and records who changed what, in one transaction. */
export async function updateEmbedSettings(
  db: Kysely<Database>,
  value: EmbedSettings,
  actorUserId: number | null,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await getEmbedSettings(trx);
    await putSetting(trx, EMBED_SETTINGS_KEY, value, now);
    await recordAudit(
      trx,
      {
        actorUserId,
        action: 'settings.embed.update',
        subjectType: 'settings',
        subjectId: EMBED_SETTINGS_KEY,
        before,
        after: value,
      },
      now,
    );
  });
}
