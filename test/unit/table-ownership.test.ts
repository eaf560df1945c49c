/**
 * Each table belongs to the feature whose `*.table.ts` declares it, and only that feature writes it (others ask
 * through its index.ts or react through a hook). This reads the sources the way a reviewer would: every
 * `insertInto` / `updateTable` / `deleteFrom` on a named table, compared with the table's owner.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** `features/comments`, `platform`, `db`: the unit that owns tables and may write them. */
const ownerUnit = (file: string): string => {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel[0] === 'features' ? `features/${rel[1]}` : rel[0]!;
};

/**
 * Writes that are known and planned away, each with its reason. The list may only shrink.
 * - demo: the demo seed writes its fixtures directly, like a migration.
 */
const KNOWN: { writer: string; table: string }[] = [
  ...['articles', 'article_authors', 'article_images', 'article_tags', 'corrections', 'sections', 'tags'].map(
    (table) => ({ writer: 'features/demo', table }),
  ),
  { writer: 'features/demo', table: 'donations' },
  { writer: 'features/demo', table: 'votes' },
  { writer: 'features/demo', table: 'comments' },
];

describe('table ownership', () => {
  const files = sourceFiles(SRC);
  const database = fs.readFileSync(path.join(SRC, 'db/database.ts'), 'utf8');
  const tables = [...database.matchAll(/^\s+(\w+): (\w+Table);/gm)].map((m) => ({ table: m[1]!, type: m[2]! }));
  const owners = new Map(
    tables.map(({ table, type }) => {
      const declaring = files.find((f) => new RegExp(`export interface ${type}\\b`).test(fs.readFileSync(f, 'utf8')));
      return [table, declaring ? ownerUnit(declaring) : 'nobody'];
    }),
  );
  const writes = files.flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(/\.(?:insertInto|updateTable|deleteFrom)\(\s*'(\w+)'/g)].map((m) => ({
      writer: ownerUnit(file),
      table: m[1]!,
      file: path.relative(SRC, file),
    })),
  );

  it('finds the tables, their owners and the writes it checks', () => {
    expect(tables.length).toBeGreaterThan(25);
    expect(owners.get('comments')).toBe('features/comments');
    expect(owners.get('outbox')).toBe('platform');
    expect(writes.length).toBeGreaterThan(100);
  });

  it('lets only the owning feature write a table, apart from the listed exceptions', () => {
    const foreign = writes.filter((w) => owners.get(w.table) !== w.writer && w.writer !== 'db');
    const unexpected = foreign.filter((w) => !KNOWN.some((k) => k.writer === w.writer && k.table === w.table));
    expect(unexpected).toEqual([]);
  });

  it('keeps no stale exception', () => {
    const foreign = writes.filter((w) => owners.get(w.table) !== w.writer);
    const stale = KNOWN.filter((k) => !foreign.some((w) => w.writer === k.writer && w.table === k.table));
    expect(stale).toEqual([]);
  });
});
