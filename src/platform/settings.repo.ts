/**
 * Site settings the publisher changes at run time (call-to-action placement, moderation rules, …),
 * stored as JSON by key. Each feature owns its keys and their defaults.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

export async function getSetting<T>(db: Kysely<Database>, key: string, fallback: T): Promise<T> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) return fallback;
  try {
    const parsed = JSON.parse(row.value) as unknown;
    return (
      typeof fallback === 'object' && fallback !== null && !Array.isArray(fallback)
        ? { ...fallback, ...(parsed as object) }
        : parsed
    ) as T;
  } catch {
    return fallback;
  }
}

export async function putSetting(db: Kysely<Database>, key: string, value: unknown, now: Date): Promise<void> {
  const v = JSON.stringify(value);
  const t = now.toISOString();
  await db
    .insertInto('settings')
    .values({ key, value: v, updated_at: t })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: v, updated_at: t }))
    .execute();
}
