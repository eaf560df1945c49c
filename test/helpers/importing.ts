/** Running the importers in tests: inputs from files or strings, table snapshots (the importers take the test app's context, t.deps). */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { ImportInput } from '../../src/features/importers/import-runner.js';
import type { TestApp } from './build-test-app.js';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export const WXR_FIXTURE = path.join(FIXTURES, 'wordpress-export.xml');
export const DISQUS_FIXTURE = path.join(FIXTURES, 'disqus-export.xml');

export function fileInput(file: string, highWaterMark = 64 * 1024): ImportInput {
  return {
    stream: fs.createReadStream(file, { highWaterMark }),
    totalBytes: fs.statSync(file).size,
    name: path.basename(file),
    reopen: () => fs.createReadStream(file, { highWaterMark }),
  };
}

/** A string as an upload-like stream in small chunks, so records straddle chunk boundaries. */
export function stringInput(xml: string, chunkSize = 1000): ImportInput {
  const buf = Buffer.from(xml, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunkSize) chunks.push(buf.subarray(i, i + chunkSize));
  return {
    stream: Readable.from(chunks),
    totalBytes: buf.length,
    name: 'test.xml',
    reopen: () => Readable.from(chunks),
  };
}

const TABLES = [
  'users',
  'sections',
  'tags',
  'articles',
  'article_slugs',
  'article_authors',
  'article_tags',
  'article_images',
  'images',
  'comments',
  'import_refs',
] as const;

/** Every row of the tables an import writes, in id order: equal snapshots mean nothing changed. */
export async function snapshotTables(t: TestApp): Promise<Record<string, unknown[]>> {
  const db = t.deps.db.kysely;
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    out[table] = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows.sort(
      (a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1),
    );
  }
  return out;
}

export async function countRows(t: TestApp, table: (typeof TABLES)[number]): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(t.deps.db.kysely);
  return Number(r.rows[0]!.n);
}
