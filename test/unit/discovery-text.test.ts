import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  encodeCursor,
  keysetPage,
  pageRequest,
  type Cursor,
} from '../../src/features/listings/paging.js';
import { jsonLdText } from '../../src/web/components/page-head.js';
import { renderHighlight } from '../../src/features/search/search.highlight.js';
import { describeQuery, isSearchable, parseQuery, toFts5 } from '../../src/features/search/search.query.js';
import { decodeEntities, htmlToText } from '../../src/lib/plain-text.js';
import { el, escapeXml, renderXml } from '../../src/lib/xml.js';
import { parseXml } from '../helpers/xml.js';
import { AppError } from '../../src/errors.js';

describe('the XML builder', () => {
  it('escapes text and attributes so any headline survives a round trip through a parser', () => {
    const nasty = `A & B <c> "d" 'e' ]]> \u0000\u0007\uFFFE end 😀`;
    const doc = parseXml(renderXml(el('root', { title: nasty }, el('t', null, nasty))));
    const clean = 'A & B <c> "d" \'e\' ]]>  end 😀';
    expect(doc.attrs.title).toBe(clean);
    expect(doc.children[0]!.text).toBe(clean);
  });

  it('drops lone surrogates, which XML cannot carry', () => {
    expect(escapeXml('a\uD800b\uDC00c')).toBe('abc');
  });

  it('leaves out null children and attributes', () => {
    expect(renderXml(el('a', { x: null, y: 1 }, null, false, el('b', null)))).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<a y="1">\n<b/>\n</a>\n',
    );
  });
});

describe('plain text of HTML', () => {
  it('removes tags between words without gluing them and decodes entities', () => {
    expect(
      htmlToText('<p id="p1">Night&nbsp;buses</p><p>run &amp; <em>return</em> &#8212; &#x2014; &lt;b&gt;</p>'),
    ).toBe('Night buses run & return — — <b>');
  });

  it('strips the control characters used as highlight sentinels', () => {
    expect(htmlToText('a\u0002b\u0003c')).toBe('abc');
  });

  it('leaves unknown entities alone and ignores impossible code points', () => {
    expect(decodeEntities('&bogus; &#0; &#xD800; &#65;')).toBe('&bogus;   A');
  });
});

describe('search queries', () => {
  it('reads words, quoted phrases and exclusions', () => {
    const q = parseQuery('Night  "bus route" -tram -"late shift" Café');
    expect(q.terms).toEqual([
      { words: ['night'], negated: false },
      { words: ['bus', 'route'], negated: false },
      { words: ['tram'], negated: true },
      { words: ['late', 'shift'], negated: true },
      { words: ['café'], negated: false },
    ]);
    expect(toFts5(q)).toBe('("night" AND "bus route" AND "café") NOT "tram" NOT "late shift"');
    expect(describeQuery(q)).toBe('night "bus route" -tram -"late shift" café');
  });

  it('turns search-engine operators into plain words', () => {
    expect(toFts5(parseQuery('NEAR(a b) OR c* "x'))).toBe('("near a" AND "b" AND "or" AND "c" AND "x")');
    expect(toFts5(parseQuery('night-bus'))).toBe('("night bus")');
    expect(parseQuery('!!! ** "" -').terms).toEqual([]);
  });

  it('needs at least one word that is not excluded', () => {
    expect(isSearchable(parseQuery('-tram'))).toBe(false);
    expect(isSearchable(parseQuery('bus -tram'))).toBe(true);
  });

  it('keeps at most twelve terms', () => {
    expect(parseQuery(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ')).terms).toHaveLength(12);
  });
});

describe('highlighted snippets', () => {
  it('escapes everything except balanced highlight marks', () => {
    expect(renderHighlight('<b>\u0002bus\u0003</b> & \u0002"x"\u0003')).toBe(
      '&lt;b&gt;<mark>bus</mark>&lt;/b&gt; &amp; <mark>&quot;x&quot;</mark>',
    );
    expect(renderHighlight('\u0002open \u0002nested\u0003 stray\u0003')).toBe('open <mark>nested</mark> stray');
  });
});

describe('JSON-LD text', () => {
  it('cannot close its script element or open a comment, and still parses to the same data', () => {
    const data = { headline: '</script><script>alert(1)</script> <!-- & \u2028' };
    const text = jsonLdText(data);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(data);
  });
});

describe('page cursors', () => {
  it('round-trips a cursor', () => {
    const c: Cursor = { at: '2026-06-14T07:00:00.000Z', id: 42 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });

  it('rejects anything that is not one of ours with a 400', () => {
    for (const raw of [
      '',
      'abc!',
      Buffer.from('2026-06-14|1').toString('base64url'),
      Buffer.from('2026-06-14T07:00:00.000Z|0').toString('base64url'),
      Buffer.from('2026-06-14T07:00:00.000Z|1|2').toString('base64url'),
      Buffer.from('2026-13-45T99:00:00.000Z|1').toString('base64url'),
      'A'.repeat(81),
    ]) {
      expect(() => decodeCursor(raw), raw).toThrow(AppError);
      try {
        decodeCursor(raw);
      } catch (e) {
        expect((e as AppError).status).toBe(400);
      }
    }
  });

  it('refuses a link that goes both ways', () => {
    const c = encodeCursor({ at: '2026-06-14T07:00:00.000Z', id: 1 });
    expect(() => pageRequest({ before: c, after: c }, 10)).toThrow(AppError);
  });

  it('pages over rows newest first and back again', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({
      at: new Date(Date.UTC(2026, 0, 1, i)).toISOString(),
      id: i + 1,
    })).reverse();
    const fetch = async (dir: 'older' | 'newer', cursor: Cursor | undefined, limit: number) => {
      const older = (r: Cursor) => !cursor || r.at < cursor.at || (r.at === cursor.at && r.id < cursor.id);
      const newer = (r: Cursor) => !cursor || r.at > cursor.at || (r.at === cursor.at && r.id > cursor.id);
      return dir === 'older' ? rows.filter(older).slice(0, limit) : rows.filter(newer).reverse().slice(0, limit);
    };
    const key = (r: Cursor) => r;
    const p1 = await keysetPage({ limit: 3 }, fetch, key);
    expect(p1.items.map((r) => r.id)).toEqual([7, 6, 5]);
    expect(p1.newer).toBeNull();
    const p2 = await keysetPage({ limit: 3, before: p1.older! }, fetch, key);
    expect(p2.items.map((r) => r.id)).toEqual([4, 3, 2]);
    const p3 = await keysetPage({ limit: 3, before: p2.older! }, fetch, key);
    expect(p3.items.map((r) => r.id)).toEqual([1]);
    expect(p3.older).toBeNull();
    const back = await keysetPage({ limit: 3, after: p3.newer! }, fetch, key);
    expect(back.items.map((r) => r.id)).toEqual([4, 3, 2]);
    const first = await keysetPage({ limit: 3, after: back.newer! }, fetch, key);
    expect(first.items.map((r) => r.id)).toEqual([7, 6, 5]);
    expect(first.newer).toBeNull();
  });
});
