/**
 * The stylesheets lay pages out in logical terms (start and end of the line, not left and right), so an Arabic
 * page (`dir="rtl"`) mirrors by itself: no physical side in a property name or value, and no four-value margin or
 * padding whose left and right differ. The few transforms that need a direction read `--inline-sign`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CSS_DIR = path.resolve(import.meta.dirname, '../../public/css');

const PHYSICAL = [
  /(^|[\s;{])(margin|padding|border)-(left|right)\b/,
  /(^|[\s;{])(left|right)\s*:/,
  /text-align:\s*(left|right)\b/,
  /(float|clear):\s*(left|right)\b/,
  /border-(top|bottom)-(left|right)-radius/,
  /translateX\((?!calc\([^)]*var\(--inline-sign)/,
];

function findings(css: string): string[] {
  const out: string[] = [];
  css.split('\n').forEach((line, i) => {
    const code = line.replace(/\/\*.*?\*\//g, '');
    if (PHYSICAL.some((r) => r.test(code))) out.push(`${i + 1}: ${line.trim()}`);
    const four = /(?:^|[\s;{])(margin|padding):\s*(\S+)\s+(\S+)\s+(\S+)\s+([^\s;]+);/.exec(code);
    if (four && four[3] !== four[5]) out.push(`${i + 1}: ${line.trim()} (left and right differ)`);
  });
  return out;
}

describe('stylesheets in logical properties', () => {
  it('recognizes physical sides (the check itself)', () => {
    expect(
      findings('a { margin-left: 1rem; }\nb { left: 0; }\nc { padding: 0 1rem 0 2rem; }\nd { text-align: right }'),
    ).toHaveLength(4);
    expect(findings('a { margin-inline-start: 1rem; padding: 0 1rem 0 1rem; inset-inline-start: 0; }')).toEqual([]);
  });

  for (const file of readdirSync(CSS_DIR).filter((f) => f.endsWith('.css'))) {
    it(`${file} names no left or right`, () => {
      expect(findings(readFileSync(path.join(CSS_DIR, file), 'utf8'))).toEqual([]);
    });
  }
});
