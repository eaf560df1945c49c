/**
 * The message catalogues (locales/<lang>/<namespace>.json) are complete and consistent: every shipped language
 * has exactly English's files and keys, each message parses as ICU MessageFormat with the same arguments and
 * tags as English, plurals give every form the language needs (Arabic has six), the browser's messages stay in
 * the subset public/js/i18n.js formats, and every key the code names exists.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { i18nFor, LOCALES, readCatalogue } from '../../src/platform/i18n.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const catalogues = new Map(LOCALES.map((l) => [l.code, readCatalogue(l.code)]));
const en = catalogues.get('en')!;

/** Argument names, tags and plural/select shapes of a message, for comparing languages. */
function shape(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.argument) out.add(`arg:${e.value}`);
    else if (e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) out.add(`${e.type}:${e.value}`);
    else if (e.type === TYPE.plural || e.type === TYPE.select) {
      out.add(`${e.type === TYPE.plural ? 'plural' : 'select'}:${e.value}`);
      for (const o of Object.values(e.options)) shape(o.value, out);
    } else if (e.type === TYPE.tag) {
      out.add(`tag:${e.value}`);
      shape(e.children, out);
    }
  }
  return out;
}

function plurals(elements: MessageFormatElement[], out: Array<{ name: string; options: string[] }> = []) {
  for (const e of elements) {
    if (e.type === TYPE.plural) {
      out.push({ name: e.value, options: Object.keys(e.options) });
      for (const o of Object.values(e.options)) plurals(o.value, out);
    } else if (e.type === TYPE.select) for (const o of Object.values(e.options)) plurals(o.value, out);
    else if (e.type === TYPE.tag) plurals(e.children, out);
  }
  return out;
}

const EXACT: Record<string, string> = { zero: '=0', one: '=1', two: '=2' };

describe('message catalogues', () => {
  it('ships a folder for each language, and nothing else', () => {
    const dirs = readdirSync(path.join(ROOT, 'locales')).filter((d) =>
      statSync(path.join(ROOT, 'locales', d)).isDirectory(),
    );
    expect(dirs.sort()).toEqual(LOCALES.map((l) => l.code).sort());
  });

  for (const { code } of LOCALES) {
    describe(code, () => {
      const cat = catalogues.get(code)!;

      it('has the same files and keys as English', () => {
        const files = (c: string) => readdirSync(path.join(ROOT, 'locales', c)).sort();
        expect(files(code)).toEqual(files('en'));
        const missing = Object.keys(en).filter((k) => !(k in cat));
        const extra = Object.keys(cat).filter((k) => !(k in en));
        expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      });

      it('has messages that parse, with English’s arguments and tags, and every plural form the language needs', () => {
        const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
        const problems: string[] = [];
        for (const [key, source] of Object.entries(cat)) {
          if (source.trim() === '') problems.push(`${key}: empty`);
          let ast: MessageFormatElement[];
          try {
            ast = parse(source);
          } catch (err) {
            problems.push(`${key}: does not parse (${(err as Error).message})`);
            continue;
          }
          if (code !== 'en' && en[key] !== undefined) {
            const want = [...shape(parse(en[key]))].sort();
            const got = [...shape(ast)].sort();
            if (want.join() !== got.join())
              problems.push(`${key}: arguments ${got.join(' ')} ≠ English's ${want.join(' ')}`);
          }
          for (const p of plurals(ast)) {
            const lacking = categories.filter((c) => !p.options.includes(c) && !p.options.includes(EXACT[c] ?? '-'));
            if (lacking.length > 0) problems.push(`${key}: plural {${p.name}} lacks ${lacking.join(', ')}`);
          }
        }
        expect(problems).toEqual([]);
      });

      it('formats every message with sample values', () => {
        const i18n = i18nFor(code, 'Europe/Berlin');
        const sample = { count: 3, n: 3, site: 'S', name: 'N', date: new Date(0) };
        for (const key of Object.keys(cat)) {
          const values: Record<string, unknown> = { ...sample };
          for (const s of shape(parse(cat[key]!))) {
            const [kind, name] = s.split(':') as [string, string];
            if (kind === 'number' || kind === 'plural') values[name] = 2;
            else if (kind === 'date' || kind === 'time') values[name] = new Date(0);
            else if (kind === 'tag') values[name] = (chunks: unknown[]) => chunks.join('');
            else if (!(name in values)) values[name] = 'x';
          }
          expect(() => i18n.rich(key, values)).not.toThrow();
        }
      });
    });
  }

  it('keeps the browser’s messages (…js_…) to what public/js/i18n.js formats', () => {
    const allowed = new Set<number>([TYPE.literal, TYPE.argument, TYPE.number, TYPE.plural, TYPE.select, TYPE.pound]);
    const walk = (els: MessageFormatElement[]): boolean =>
      els.every(
        (e) =>
          allowed.has(e.type) &&
          (e.type !== TYPE.plural && e.type !== TYPE.select
            ? true
            : Object.values(e.options).every((o) => walk(o.value))) &&
          (e.type !== TYPE.plural || e.offset === 0),
      );
    for (const [code, cat] of catalogues)
      for (const [key, source] of Object.entries(cat))
        if (/\.js_[^.]*$/.test(key)) expect(walk(parse(source)), `${code} ${key}`).toBe(true);
  });

  it('has every key the code names', () => {
    const files: string[] = [];
    const collect = (dir: string) => {
      for (const f of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, f.name);
        if (f.isDirectory()) collect(p);
        else if (/\.(ts|tsx|js)$/.test(f.name)) files.push(p);
      }
    };
    collect(path.join(ROOT, 'src'));
    collect(path.join(ROOT, 'public/js'));
    const named = new Set<string>();
    // t('ns.key' …), msg('ns.key' …), rich('ns.key' …), and any other literal that looks like a key of a
    // catalogue namespace in a call of those names.
    const call = /\b(?:t|msg|rich)\(\s*['"]([a-z0-9_]+\.[a-z0-9_.]+)['"]/g;
    for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(call)) named.add(m[1]!);
    const missing = [...named].filter((k) => !(k in en)).sort();
    expect(missing).toEqual([]);
    expect(named.size).toBeGreaterThan(20);
  });
});
