import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError, ERRORS, type ErrorCode } from '../../src/errors.js';

/** The rows of the table in docs/errors.md: code, status and "on form". */
function documentedCodes(): Map<string, { status: number; form: boolean }> {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const rows = new Map<string, { status: number; form: boolean }>();
  for (const m of doc.matchAll(/^\| `([A-Z0-9_]+)` +\| (\d{3}) +\| (yes|no) +\|/gm)) {
    expect(rows.has(m[1]!), `${m[1]} is listed twice`).toBe(false);
    rows.set(m[1]!, { status: Number(m[2]), form: m[3] === 'yes' });
  }
  return rows;
}

describe('the error-code registry', () => {
  it('documents every code in docs/errors.md with its status and form flag, and nothing else', () => {
    const documented = documentedCodes();
    expect([...documented.keys()].sort()).toEqual(Object.keys(ERRORS).sort());
    for (const [code, spec] of Object.entries(ERRORS)) {
      expect(documented.get(code), code).toEqual({ status: spec.status, form: spec.form });
    }
  });

  it('gives every code a client or server error status and a description', () => {
    for (const [code, spec] of Object.entries(ERRORS)) {
      expect(spec.status >= 400 && spec.status < 600, code).toBe(true);
      expect(spec.doc.length, code).toBeGreaterThan(10);
    }
  });

  it('takes the status and the form flag of an AppError from the registry', () => {
    const err = new AppError('COMMENT_TOO_LONG' satisfies ErrorCode, 'Too long.');
    expect(err.status).toBe(400);
    expect(err.onForm).toBe(true);
    expect(new AppError('ARTICLE_NOT_FOUND', 'Gone.').onForm).toBe(false);
  });
});
