import { describe, expect, it } from 'vitest';
import { renderArticleBody } from '../../src/features/articles/article.markdown.js';
import { approximateMatch, countOrphans, extractParagraphs, makeAnchor, resolveAnchor } from '../../src/features/inline/anchor.js';

const ORIGINAL = [
  'The council voted on Tuesday to restore night buses to the outer districts.',
  'Critics say the money would be better spent on daytime frequency, which serves more riders.',
  'The first buses run next month. Timetables follow a week before.',
].join('\n\n');

const paragraphs = (md: string) => extractParagraphs(renderArticleBody(md));
const anchorOn = (md: string, pid: string, exact: string) => makeAnchor(paragraphs(md).find((p) => p.id === pid)!, exact)!;

describe('passage anchors', () => {
  it('finds an unchanged passage exactly', () => {
    const a = anchorOn(ORIGINAL, 'p2', 'better spent on daytime frequency');
    const r = resolveAnchor(a, paragraphs(ORIGINAL));
    expect(r).toMatchObject({ status: 'exact', paragraphId: 'p2', quote: 'better spent on daytime frequency' });
  });

  it('follows a passage that moved to another paragraph', () => {
    const a = anchorOn(ORIGINAL, 'p2', 'better spent on daytime frequency');
    const edited = `A new opening paragraph was added above.\n\n${ORIGINAL}`;
    expect(resolveAnchor(a, paragraphs(edited))).toMatchObject({ status: 'moved', paragraphId: 'p3' });
  });

  it('finds a lightly edited passage approximately and reports how it reads now', () => {
    const a = anchorOn(ORIGINAL, 'p2', 'the money would be better spent on daytime frequency');
    const edited = ORIGINAL.replace('the money would be better spent on daytime frequency', 'the money would be better spent on day-time frequencies');
    const r = resolveAnchor(a, paragraphs(edited));
    expect(r.status).toBe('approximate');
    expect(r.paragraphId).toBe('p2');
    expect(r.quote).toContain('day-time frequenc');
  });

  it('orphans a passage that was removed', () => {
    const a = anchorOn(ORIGINAL, 'p2', 'better spent on daytime frequency');
    const edited = ORIGINAL.split('\n\n').filter((_, i) => i !== 1).join('\n\n');
    expect(resolveAnchor(a, paragraphs(edited)).status).toBe('orphaned');
    expect(countOrphans([a, anchorOn(ORIGINAL, 'p1', 'night buses')], renderArticleBody(edited))).toBe(1);
  });

  it('uses context to pick the right one of repeated words', () => {
    const md = 'Buses run late. Trains run late. Trams run late.';
    const a = anchorOn(md, 'p1', 'run late');
    const trains = makeAnchor(paragraphs(md)[0]!, 'run late')!;
    expect(resolveAnchor(a, paragraphs(md)).start).toBe(6);
    const second = { ...trains, prefix: 'Buses run late. Trains ', suffix: '. Trams run late.' };
    expect(resolveAnchor(second, paragraphs(md)).start).toBe(md.indexOf('Trains run late') + 7);
  });

  it('matches quotes with HTML-special characters as the reader sees them', () => {
    const md = 'Profits & losses: "<b>" is not bold here, 5 < 6 > 4.';
    const p = paragraphs(md)[0]!;
    expect(p.text).toContain('Profits & losses');
    const a = makeAnchor(p, '5 < 6 > 4')!;
    expect(resolveAnchor(a, paragraphs(md))).toMatchObject({ status: 'exact', quote: '5 < 6 > 4' });
  });

  it('keeps a whole-paragraph comment on its paragraph while it exists', () => {
    const a = anchorOn(ORIGINAL, 'p3', '');
    expect(resolveAnchor(a, paragraphs(ORIGINAL))).toMatchObject({ status: 'exact', paragraphId: 'p3' });
    expect(resolveAnchor(a, paragraphs('Only one paragraph now.')).status).toBe('orphaned');
  });

  it('measures approximate similarity', () => {
    expect(approximateMatch('kitten', 'the sitting cat')!.similarity).toBeCloseTo(1 - 2 / 6);
  });
});
