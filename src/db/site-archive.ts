/**
 * The whole site as one JSON document, and back: `npm run cli -- export` / `restore`, and the admin's download.
 *
 * It works below the features, on the database itself, so a table a feature adds tomorrow is in the next
 * backup without anyone remembering to add it: tables, columns, primary keys and foreign keys are read from
 * the database's own catalogue (SQLite's pragmas, PostgreSQL's pg_catalog). Every table is written except the
 * few in OMITTED, each with its reason (the reasons are written into the document too).
 *
 * The document (schema: docs/site-archive.schema.json) is laid out one row to a line, so it is written a page
 * at a time and read back a line at a time, never held in memory:
 *
 *   {"format":"broadsheet-site","version":2,"schema":"<last migration>",…,"tables":{
 *   "users":{"columns":["id","email",…],"rows":[
 *   [1,"ada@example.org",…]
 *   ,[2,"bo@example.org",…]
 *   ]}
 *   ,"sections":{…
 *   }}
 *
 * Tables come parents first (by their foreign keys) and rows in primary-key order (byte order for text keys
 * on both databases), so exporting, restoring and exporting again gives the same document, from SQLite to
 * PostgreSQL and back. A restore loads into an empty site in one transaction: it either all lands or nothing
 * changes. References to a row not loaded yet (a reply to a later comment, a cycle between tables) are
 * written as null first and set once the table is in.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectName } from './dialect.js';
import type { Database } from './database.js';

export const ARCHIVE_FORMAT = 'broadsheet-site';
export const ARCHIVE_VERSION = 2;

/** Tables a backup leaves out, and why. Everything else is in it. */
export const OMITTED: Record<string, string> = {
  sessions: 'sign-ins: everyone signs in again on the restored site',
  article_fts: 'the search index (SQLite): rebuilt from the articles as they are restored',
  article_search: 'the search index (PostgreSQL): rebuilt from the articles as they are restored',
  kysely_migration: "the migration log: the restored site's own",
  kysely_migration_lock: "the migration lock: the restored site's own",
};

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tables are discovered at run time
type Value = string | number | null;

export interface TableShape {
  name: string;
  columns: string[];
  /** Columns holding text, compared in byte order so both databases sort them alike. */
  textColumns: Set<string>;
  /** Primary key columns, or every column when the table has none. */
  key: string[];
  /** Whether `key` is a real primary key. */
  hasKey: boolean;
  /** Foreign keys: column → referenced table. */
  references: Map<string, string>;
  /** Column types as the database names them (for casts on PostgreSQL). */
  types: Map<string, string>;
}

export interface ArchiveHeader {
  format: string;
  version: number;
  schema: string;
  exportedAt: string;
  site: { name: string; url: string };
  omitted: Record<string, string>;
}

export class ArchiveError extends Error {
  override name = 'ArchiveError';
}

const q = (name: string): RawBuilder<unknown> => sql.id(name);

/** The site's tables as the database describes them, parents before children. */
export async function describeTables(db: AnyDb, dialect: DialectName): Promise<TableShape[]> {
  const names =
    dialect === 'sqlite'
      ? (
          await sql<{
            name: string;
          }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
              AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name`.execute(db)
        ).rows.map((r) => r.name)
      : (
          await sql<{
            name: string;
          }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`.execute(db)
        ).rows.map((r) => r.name);
  // SQLite keeps an FTS5 table's contents in shadow tables named after it.
  const virtual = new Set(
    dialect === 'sqlite'
      ? (
          await sql<{
            name: string;
          }>`SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'`.execute(db)
        ).rows.map((r) => r.name)
      : [],
  );
  const wanted = names.filter(
    (n) => !(n in OMITTED) && ![...virtual].some((v) => n.startsWith(`${v}_`)) && !virtual.has(n),
  );
  const shapes: TableShape[] = [];
  for (const name of wanted) shapes.push(await describeTable(db, dialect, name));
  return parentsFirst(shapes);
}

async function describeTable(db: AnyDb, dialect: DialectName, name: string): Promise<TableShape> {
  let cols: Array<{ name: string; type: string; pk: number }>;
  let fks: Array<{ from: string; table: string }>;
  if (dialect === 'sqlite') {
    cols = (
      await sql<{
        name: string;
        type: string;
        pk: number;
      }>`SELECT name, type, pk FROM pragma_table_xinfo(${name}) WHERE hidden = 0 ORDER BY cid`.execute(db)
    ).rows;
    fks = (
      await sql<{ from: string; table: string }>`SELECT "from", "table" FROM pragma_foreign_key_list(${name})`.execute(
        db,
      )
    ).rows;
  } else {
    cols = (
      await sql<{ name: string; type: string; pk: number }>`
        SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
               coalesce(array_position(i.indkey::int2[], a.attnum) - array_lower(i.indkey::int2[], 1) + 1, 0) AS pk
        FROM pg_attribute a
        LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary
        WHERE a.attrelid = ${name}::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
        ORDER BY a.attnum`.execute(db)
    ).rows;
    fks = (
      await sql<{ from: string; table: string }>`
        SELECT a.attname AS "from", r.relname AS "table"
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        JOIN pg_class r ON r.oid = c.confrelid
        WHERE c.contype = 'f' AND c.conrelid = ${name}::regclass`.execute(db)
    ).rows;
  }
  const key = cols
    .filter((c) => Number(c.pk) > 0)
    .sort((a, b) => Number(a.pk) - Number(b.pk))
    .map((c) => c.name);
  return {
    name,
    columns: cols.map((c) => c.name),
    textColumns: new Set(cols.filter((c) => /char|text|clob/i.test(c.type)).map((c) => c.name)),
    key: key.length > 0 ? key : cols.map((c) => c.name),
    hasKey: key.length > 0,
    references: new Map(fks.map((f) => [f.from, f.table])),
    types: new Map(cols.map((c) => [c.name, c.type])),
  };
}

/** Orders tables so each comes after the tables it references (a cycle is broken where it must be). */
function parentsFirst(shapes: TableShape[]): TableShape[] {
  const byName = new Map(shapes.map((s) => [s.name, s]));
  const done = new Set<string>();
  const out: TableShape[] = [];
  const pending = [...shapes].sort((a, b) => a.name.localeCompare(b.name));
  while (pending.length > 0) {
    const missing = (s: TableShape) =>
      [...s.references.values()].filter((t) => t !== s.name && byName.has(t) && !done.has(t)).length;
    let i = pending.findIndex((s) => missing(s) === 0);
    if (i < 0) i = pending.reduce((best, s, j) => (missing(s) < missing(pending[best]!) ? j : best), 0);
    const [next] = pending.splice(i, 1);
    out.push(next!);
    done.add(next!.name);
  }
  return out;
}

/** The last migration the database has run: a backup restores only into the same schema. */
export async function schemaVersion(db: AnyDb): Promise<string> {
  const r = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1`.execute(db);
  return r.rows[0]?.name ?? '';
}

function orderBy(shape: TableShape, dialect: DialectName): RawBuilder<unknown> {
  return sql.join(shape.key.map((c) => byteOrder(shape, dialect, c)));
}

function byteOrder(shape: TableShape, dialect: DialectName, column: string): RawBuilder<unknown> {
  return dialect === 'postgres' && shape.textColumns.has(column) ? sql`${q(column)} COLLATE "C"` : sql`${q(column)}`;
}

/** One table's rows in key order, a page at a time (keyset pagination: no page costs more than the first). */
async function* tableRows(
  db: AnyDb,
  dialect: DialectName,
  shape: TableShape,
  pageSize = 500,
): AsyncGenerator<Value[][]> {
  const select = sql.join(shape.columns.map((c) => q(c)));
  const keyIdx = shape.key.map((k) => shape.columns.indexOf(k));
  let after: Value[] | null = null;
  for (;;) {
    const where: RawBuilder<unknown> =
      after === null
        ? sql``
        : sql`WHERE (${sql.join(shape.key.map((c) => byteOrder(shape, dialect, c)))}) > (${sql.join(after)})`;
    const r = await sql<Record<string, Value>>`SELECT ${select} FROM ${q(shape.name)} ${where}
        ORDER BY ${orderBy(shape, dialect)} LIMIT ${pageSize}`.execute(db);
    const rows = r.rows.map((row) => shape.columns.map((c) => normalise(row[c])));
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = keyIdx.map((i) => last[i]!);
  }
}

function normalise(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return v.toString('base64');
  return JSON.stringify(v);
}

export interface ArchiveMeta {
  siteName: string;
  siteUrl: string;
  now: Date;
}

/** The document as text chunks, about a page of rows each. */
export async function* archiveChunks(db: AnyDb, dialect: DialectName, meta: ArchiveMeta): AsyncGenerator<string> {
  const shapes = await describeTables(db, dialect);
  const header: ArchiveHeader = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    schema: await schemaVersion(db),
    exportedAt: meta.now.toISOString(),
    site: { name: meta.siteName, url: meta.siteUrl },
    omitted: OMITTED,
  };
  yield `${JSON.stringify({ ...header, tables: {} }).slice(0, -2)}\n`;
  let firstTable = true;
  for (const shape of shapes) {
    yield `${firstTable ? '' : ','}${JSON.stringify(shape.name)}:{"columns":${JSON.stringify(shape.columns)},"rows":[\n`;
    firstTable = false;
    let firstRow = true;
    for await (const rows of tableRows(db, dialect, shape)) {
      let text = '';
      for (const row of rows) {
        text += `${firstRow ? '' : ','}${JSON.stringify(row)}\n`;
        firstRow = false;
      }
      yield text;
    }
    yield ']}\n';
  }
  yield '}}\n';
}

// ── reading ─────────────────────────────────────────────────────────────────────────────────────────────

export type ArchivePart =
  | { kind: 'header'; header: ArchiveHeader }
  | { kind: 'table'; name: string; columns: string[] }
  | { kind: 'row'; values: Value[] }
  | { kind: 'end' };

/**
 * Reads a document line by line in the layout `archiveChunks` writes. Any other layout of the same JSON
 * (a pretty-printed copy, say) is read whole, up to `maxWholeBytes`.
 */
export async function* readArchive(
  open: () => Readable,
  maxWholeBytes = 256 * 1024 * 1024,
): AsyncGenerator<ArchivePart> {
  const lines = readline.createInterface({ input: open(), crlfDelay: Infinity });
  let state: 'start' | 'tables' | 'rows' | 'done' = 'start';
  let lineNo = 0;
  let fellBack = false;
  try {
    for await (const raw of lines) {
      lineNo++;
      const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (line.trim() === '' && state !== 'rows') continue;
      if (state === 'start') {
        if (!line.startsWith('{') || !line.endsWith('"tables":{')) {
          fellBack = true;
          break;
        }
        yield { kind: 'header', header: parseLine(`${line}}}`, lineNo) as ArchiveHeader };
        state = 'tables';
      } else if (state === 'tables') {
        if (line === '}}') {
          state = 'done';
          yield { kind: 'end' };
          continue;
        }
        const m = /^,?("(?:[^"\\]|\\.)*"):\{"columns":(\[.*\]),"rows":\[$/.exec(line);
        if (!m) throw new ArchiveError(`line ${lineNo}: expected a table, found ${preview(line)}`);
        yield {
          kind: 'table',
          name: parseLine(m[1]!, lineNo) as string,
          columns: parseLine(m[2]!, lineNo) as string[],
        };
        state = 'rows';
      } else if (state === 'rows') {
        if (line === ']}') {
          state = 'tables';
          continue;
        }
        const values = parseLine(line.startsWith(',') ? line.slice(1) : line, lineNo);
        if (!Array.isArray(values)) throw new ArchiveError(`line ${lineNo}: expected a row, found ${preview(line)}`);
        yield { kind: 'row', values: values as Value[] };
      } else if (line.trim() !== '') {
        throw new ArchiveError(`line ${lineNo}: unexpected text after the end of the document`);
      }
    }
  } finally {
    lines.close();
  }
  if (fellBack) {
    yield* readWhole(open, maxWholeBytes);
    return;
  }
  if (state !== 'done') throw new ArchiveError('the document ends early: it was cut off (an unfinished copy?)');
}

async function* readWhole(open: () => Readable, maxBytes: number): AsyncGenerator<ArchivePart> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const piece of open()) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : (piece as Buffer);
    size += chunk.length;
    if (size > maxBytes)
      throw new ArchiveError(
        'this document is not laid out as `export` writes it (one row to a line), and it is too large to read whole',
      );
    chunks.push(chunk);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(
      Buffer.concat(chunks)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    );
  } catch (err) {
    throw new ArchiveError(`not a JSON document: ${(err as Error).message}`);
  }
  const d = doc as Partial<ArchiveHeader> & { tables?: Record<string, { columns?: unknown; rows?: unknown }> };
  if (!d || typeof d !== 'object' || Array.isArray(d)) throw new ArchiveError('not a Broadsheet site document');
  const { tables, ...header } = d;
  // The header first: the restorer names what the document is when it is not a site backup.
  yield { kind: 'header', header: header as ArchiveHeader };
  if (typeof tables !== 'object' || tables === null)
    throw new ArchiveError('not a Broadsheet site document (no "tables")');
  for (const [name, t] of Object.entries(tables)) {
    if (!Array.isArray(t.columns) || !Array.isArray(t.rows))
      throw new ArchiveError(`table ${name}: "columns" and "rows" must be arrays`);
    yield { kind: 'table', name, columns: t.columns as string[] };
    for (const values of t.rows) {
      if (!Array.isArray(values)) throw new ArchiveError(`table ${name}: every row must be an array`);
      yield { kind: 'row', values: values as Value[] };
    }
  }
  yield { kind: 'end' };
}

function parseLine(text: string, lineNo: number): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ArchiveError(`line ${lineNo}: ${(err as Error).message}`);
  }
}

const preview = (line: string) => JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line);

// ── restoring ───────────────────────────────────────────────────────────────────────────────────────────

/** What makes a site not empty: a restore never mixes two sites. */
const CONTENT_TABLES = ['users', 'articles', 'comments', 'donations'] as const;

export interface RestoreResult {
  header: ArchiveHeader;
  tables: number;
  rows: number;
}

/**
 * Loads a document into an empty site, in one transaction. Refuses (changing nothing) a document of another
 * format or schema, a site that already has accounts or content, and any row the database refuses.
 */
export async function restoreArchive(
  db: Kysely<Database>,
  dialect: DialectName,
  parts: AsyncIterable<ArchivePart>,
  onProgress?: (table: string, rows: number) => void,
): Promise<RestoreResult> {
  const anyDb = db as AnyDb;
  const shapes = new Map((await describeTables(anyDb, dialect)).map((s) => [s.name, s]));
  const schema = await schemaVersion(anyDb);
  for (const table of CONTENT_TABLES) {
    const r = await sql<{ n: number }>`SELECT count(*) AS n FROM ${q(table)}`.execute(anyDb);
    if (Number(r.rows[0]?.n ?? 0) > 0)
      throw new ArchiveError(`this site is not empty (it has ${table}): restore into a new, empty site`);
  }
  const iterator = parts[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done || first.value.kind !== 'header') throw new ArchiveError('the document has no header');
  const header = first.value.header;
  if (header.format !== ARCHIVE_FORMAT)
    throw new ArchiveError(
      header.format === 'broadsheet-export'
        ? 'this is a version 1 export (a read-only copy for other tools), not a site backup: export again with this version'
        : `not a Broadsheet site document (format ${JSON.stringify(header.format)})`,
    );
  if (header.version !== ARCHIVE_VERSION)
    throw new ArchiveError(
      `this document is version ${header.version}; this Broadsheet reads version ${ARCHIVE_VERSION}`,
    );
  if (header.schema !== schema)
    throw new ArchiveError(
      `the document was written by a site at schema ${header.schema}, this one is at ${schema}: restore with the same version of Broadsheet, then upgrade`,
    );

  return db.transaction().execute(async (trx) => {
    const t = trx as AnyDb;
    // An empty site may still hold rows made at start-up (settings): the document's rows replace them.
    for (const shape of [...shapes.values()].reverse()) await sql`DELETE FROM ${q(shape.name)}`.execute(t);
    const loaded = new Set<string>();
    const loaders: Loader[] = [];
    let tables = 0;
    let total = 0;
    let table: Loader | null = null;
    for (;;) {
      const next = await iterator.next();
      if (next.done) throw new ArchiveError('the document ends early');
      const part = next.value;
      if (part.kind === 'row') {
        if (!table) throw new ArchiveError('a row before any table');
        await table.add(part.values);
        total++;
        continue;
      }
      if (table) {
        await table.finish();
        loaded.add(table.shape.name);
        onProgress?.(table.shape.name, table.count);
      }
      if (part.kind === 'end') break;
      if (part.kind === 'header') throw new ArchiveError('a second header');
      const shape = shapes.get(part.name);
      if (!shape) throw new ArchiveError(`table ${part.name} does not exist in this version of Broadsheet`);
      if (loaded.has(part.name)) throw new ArchiveError(`table ${part.name} appears twice`);
      const unknown = part.columns.filter((c) => !shape.columns.includes(c));
      if (unknown.length > 0) throw new ArchiveError(`table ${part.name} has unknown columns: ${unknown.join(', ')}`);
      table = new Loader(t, dialect, shape, part.columns, loaded);
      loaders.push(table);
      tables++;
    }
    // Every row is in: now the references held back can point at their rows.
    for (const loader of loaders) await loader.resolveDeferred();
    if (dialect === 'postgres') await resetIdentities(t, [...shapes.values()]);
    return { header, tables, rows: total };
  });
}

/** Inserts one table's rows in batches, holding back references to rows that are not in yet. */
class Loader {
  count = 0;
  private batch: Value[][] = [];
  private readonly deferred: Array<{ column: string; key: Value[]; value: Value }> = [];
  private deferIdx: Array<{ column: string; index: number }>;
  private readonly keyIdx: number[];
  private readonly batchSize: number;

  constructor(
    private readonly db: AnyDb,
    private readonly dialect: DialectName,
    readonly shape: TableShape,
    private readonly columns: string[],
    loaded: Set<string>,
  ) {
    this.deferIdx = columns
      .map((column, index) => ({ column, index }))
      .filter(({ column }) => {
        const target = shape.references.get(column);
        return target !== undefined && (target === shape.name || !loaded.has(target));
      });
    // Without a primary key a held-back reference could not find its row again: such a table loads as it comes.
    if (!shape.hasKey) this.deferIdx = [];
    this.keyIdx = shape.key.map((k) => columns.indexOf(k));
    if (this.deferIdx.length > 0 && this.keyIdx.some((i) => i < 0))
      throw new ArchiveError(`table ${shape.name}: its key columns are missing from the document`);
    // Below both databases' limits on bound parameters per statement.
    this.batchSize = Math.max(1, Math.min(500, Math.floor(30000 / columns.length)));
  }

  async add(values: Value[]): Promise<void> {
    if (values.length !== this.columns.length)
      throw new ArchiveError(
        `table ${this.shape.name}: a row has ${values.length} values for ${this.columns.length} columns`,
      );
    const row = [...values];
    for (const { column, index } of this.deferIdx) {
      if (row[index] === null) continue;
      this.deferred.push({ column, key: this.keyIdx.map((i) => row[i]!), value: row[index]! });
      row[index] = null;
    }
    this.batch.push(row);
    this.count++;
    if (this.batch.length >= this.batchSize) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const rows = this.batch.map((r) => sql`(${sql.join(r)})`);
    await sql`INSERT INTO ${q(this.shape.name)} (${sql.join(this.columns.map(q))}) VALUES ${sql.join(rows)}`.execute(
      this.db,
    );
    this.batch = [];
  }

  async finish(): Promise<void> {
    await this.flush();
  }

  async resolveDeferred(): Promise<void> {
    const byColumn = new Map<string, Array<{ key: Value[]; value: Value }>>();
    for (const d of this.deferred) {
      const list = byColumn.get(d.column) ?? [];
      list.push(d);
      byColumn.set(d.column, list);
    }
    for (const [column, list] of byColumn) {
      const per = Math.max(1, Math.floor(30000 / (this.shape.key.length + 1)));
      for (let i = 0; i < list.length; i += per) await this.update(column, list.slice(i, i + per));
    }
  }

  /** `WITH v(k…, val) AS (VALUES …) UPDATE t SET col = v.val FROM v WHERE t.k = v.k`, on both databases. */
  private async update(column: string, list: Array<{ key: Value[]; value: Value }>): Promise<void> {
    const names = [...this.shape.key.map((_, i) => `k${i}`), 'val'];
    const cast = (name: string, col: string) =>
      this.dialect === 'postgres'
        ? sql`CAST(v.${q(name)} AS ${sql.raw(this.shape.types.get(col) ?? 'text')})`
        : sql`v.${q(name)}`;
    const values = list.map((d) => sql`(${sql.join([...d.key, d.value])})`);
    const match = sql.join(
      this.shape.key.map((k, i) => sql`${q(this.shape.name)}.${q(k)} = ${cast(`k${i}`, k)}`),
      sql` AND `,
    );
    await sql`WITH v (${sql.join(names.map(q))}) AS (VALUES ${sql.join(values)})
      UPDATE ${q(this.shape.name)} SET ${q(column)} = ${cast('val', column)} FROM v WHERE ${match}`.execute(this.db);
  }
}

/** After rows arrive with their ids, PostgreSQL's identity sequences must continue above them. */
async function resetIdentities(db: AnyDb, shapes: TableShape[]): Promise<void> {
  for (const shape of shapes) {
    if (!shape.columns.includes('id')) continue;
    await sql`SELECT setval(CAST(s AS regclass), CAST(m AS bigint)) FROM (SELECT pg_get_serial_sequence(CAST(${shape.name} AS text), 'id') AS s,
        (SELECT max(id) FROM ${q(shape.name)}) AS m) x WHERE s IS NOT NULL AND m IS NOT NULL`.execute(db);
  }
}

/** Writes the document to a file only its owner can read (it holds e-mail addresses and password hashes). */
export async function writeArchiveFile(chunks: AsyncIterable<string>, file: string): Promise<void> {
  const fd = fs.openSync(file, 'w', 0o600);
  fs.fchmodSync(fd, 0o600);
  const out = fs.createWriteStream('', { fd });
  try {
    for await (const chunk of chunks) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
  } finally {
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}
