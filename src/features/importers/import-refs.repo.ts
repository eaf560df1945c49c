/** import_refs: the map from records of an export to local rows. Every import looks here first. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ImportRefKind, ImportRefRow } from './import.table.js';

type DB = Kysely<Database>;

export interface ImportRef {
  id: number;
  source: string;
  kind: ImportRefKind;
  externalId: string;
  localId: number | null;
  url: string | null;
  /** What the last import saw (see the importers' *State types). */
  state: Record<string, unknown>;
}

function toRef(r: ImportRefRow): ImportRef {
  let state: Record<string, unknown> = {};
  try {
    state = JSON.parse(r.state) as Record<string, unknown>;
  } catch {
    /* a hand-edited row: treat as unknown */
  }
  return {
    id: r.id,
    source: r.source,
    kind: r.kind,
    externalId: r.external_id,
    localId: r.local_id,
    url: r.url,
    state,
  };
}

/** Lookups go in slices so no statement exceeds a dialect's parameter limit. */
const SLICE = 500;

/** The refs of these external ids, by external id. */
export async function findRefs(
  db: DB,
  source: string,
  kind: ImportRefKind,
  externalIds: string[],
): Promise<Map<string, ImportRef>> {
  const out = new Map<string, ImportRef>();
  const ids = [...new Set(externalIds)];
  for (let i = 0; i < ids.length; i += SLICE) {
    const rows = await db
      .selectFrom('import_refs')
      .selectAll()
      .where('source', '=', source)
      .where('kind', '=', kind)
      .where('external_id', 'in', ids.slice(i, i + SLICE))
      .execute();
    for (const r of rows) out.set(r.external_id, toRef(r));
  }
  return out;
}

export async function findRef(
  db: DB,
  source: string,
  kind: ImportRefKind,
  externalId: string,
): Promise<ImportRef | undefined> {
  return (await findRefs(db, source, kind, [externalId])).get(externalId);
}

export interface NewRef {
  source: string;
  kind: ImportRefKind;
  externalId: string;
  localId: number | null;
  url?: string | null;
  state?: Record<string, unknown>;
}

export async function insertRefs(db: DB, refs: NewRef[], now: Date): Promise<void> {
  const t = now.toISOString();
  for (let i = 0; i < refs.length; i += SLICE) {
    const slice = refs.slice(i, i + SLICE);
    if (slice.length === 0) continue;
    await db
      .insertInto('import_refs')
      .values(
        slice.map((r) => ({
          source: r.source,
          kind: r.kind,
          external_id: r.externalId,
          local_id: r.localId,
          url: r.url ?? null,
          state: JSON.stringify(r.state ?? {}),
          created_at: t,
          updated_at: t,
        })),
      )
      .execute();
  }
}

export async function updateRef(
  db: DB,
  id: number,
  change: { localId?: number | null; url?: string | null; state?: Record<string, unknown> },
  now: Date,
): Promise<void> {
  await db
    .updateTable('import_refs')
    .set({
      ...(change.localId !== undefined ? { local_id: change.localId } : {}),
      ...(change.url !== undefined ? { url: change.url } : {}),
      ...(change.state !== undefined ? { state: JSON.stringify(change.state) } : {}),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

/** The article a WordPress import made for a post with one of these permalinks/guids (any WXR source). */
export async function findPostRefByUrls(db: DB, urls: string[]): Promise<ImportRef | undefined> {
  if (urls.length === 0) return undefined;
  const row = await db
    .selectFrom('import_refs')
    .selectAll()
    .where('kind', '=', 'post')
    .where('url', 'in', urls)
    .where('local_id', 'is not', null)
    .orderBy('id')
    .executeTakeFirst();
  return row ? toRef(row) : undefined;
}

/** The article a WordPress import made for this WordPress post id (from any WXR source). */
export async function findPostRefByWordPressId(db: DB, postId: string): Promise<ImportRef | undefined> {
  const row = await db
    .selectFrom('import_refs')
    .selectAll()
    .where('kind', '=', 'post')
    .where('external_id', '=', postId)
    .where('source', 'like', 'wxr:%')
    .where('local_id', 'is not', null)
    .orderBy('id')
    .executeTakeFirst();
  return row ? toRef(row) : undefined;
}

/** Attachments of a source that became local images, for rewriting their URLs in article bodies. */
export async function listImportedAttachments(
  db: DB,
  source: string,
): Promise<Array<{ externalId: string; imageId: number; url: string }>> {
  const rows = await db
    .selectFrom('import_refs')
    .select(['external_id', 'local_id', 'url'])
    .where('source', '=', source)
    .where('kind', '=', 'attachment')
    .where('local_id', 'is not', null)
    .where('url', 'is not', null)
    .execute();
  return rows.map((r) => ({ externalId: r.external_id, imageId: r.local_id!, url: r.url! }));
}

/** Rows of import_refs in id order, one page at a time (for the export). */
export async function listRefsPage(db: DB, afterId: number, limit: number): Promise<ImportRef[]> {
  const rows = await db
    .selectFrom('import_refs')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toRef);
}
