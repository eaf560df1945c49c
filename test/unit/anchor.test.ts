import { describe, expect, it } from 'vitest';
import { renderArticleBody } from '../../src/features/articles/article.markdown.js';
import {
  approximateMatch,
  countOrphans,
  extractParagraphs,
  makeAnchor,
  PARAGRAPH_FINGERPRINT,
  resolveAnchor,
} from '../../src/features/comments/inline/anchor.js';
import { quoted } from '../../src/features/comments/inline/views/passage-tools.js';

const ORIGINAL = [
  'The council voted on Tuesday to restore night buses to the outer districts.',
  'Critics say the money would be better spent on daytime frequency, which serves more riders.',
  'The first buses run next month. Timetables follow a week before.',
].join('\n\n');

const paragraphs = (md: string) => extractParagraphs(renderArticleBody(md));
const anchorOn = (md: string, pid: string, exact: string) =>
  makeAnchor(
    paragraphs(md).find((p) => p.id === pid)!,
    exact,
  )!;

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
    const edited = ORIGINAL.replace(
      'the money would be better spent on daytime frequency',
      'the money would be better spent on day-time frequencies',
    );
    const r = resolveAnchor(a, paragraphs(edited));
    expect(r.status).toBe('approximate');
    expect(r.paragraphId).toBe('p2');
    expect(r.quote).toContain('day-time frequenc');
  });

  it('orphans a passage that was removed', () => {
    const a = anchorOn(ORIGINAL, 'p2', 'better spent on daytime frequency');
    const edited = ORIGINAL.split('\n\n')
      .filter((_, i) => i !== 1)
      .join('\n\n');
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

  it('finds a whole paragraph again by its text, not its position', () => {
    const a = anchorOn(ORIGINAL, 'p2', '');
    expect(a.suffix).toBe(paragraphs(ORIGINAL)[1]!.text);
    const [p1, p2, p3] = ORIGINAL.split('\n\n');
    expect(resolveAnchor(a, paragraphs(`A new first paragraph.\n\n${ORIGINAL}`))).toMatchObject({
      status: 'moved',
      paragraphId: 'p3',
      quote: '',
    });
    expect(resolveAnchor(a, paragraphs([p1, `A sentence added in front. ${p2}`, p3].join('\n\n')))).toMatchObject({
      status: 'approximate',
      paragraphId: 'p2',
    });
    // Another paragraph now stands where it stood: the comment's paragraph is gone.
    expect(
      resolveAnchor(a, paragraphs([p1, 'Entirely different words in the second place.', p3].join('\n\n'))).status,
    ).toBe('orphaned');
  });

  it('keeps a bounded fingerprint of a long paragraph', () => {
    const long = `${'A long paragraph that goes on. '.repeat(20)}The end.`;
    const a = anchorOn(long, 'p1', '');
    expect(a.suffix).toHaveLength(PARAGRAPH_FINGERPRINT);
    expect(resolveAnchor(a, paragraphs(`${long} One more sentence.`))).toMatchObject({
      status: 'exact',
      paragraphId: 'p1',
    });
  });

  it('lets a whole-paragraph anchor stored without a fingerprint follow its paragraph id', () => {
    const legacy = { paragraphId: 'p2', exact: '', prefix: '', suffix: '' };
    expect(resolveAnchor(legacy, paragraphs(`New.\n\n${ORIGINAL}`))).toMatchObject({
      status: 'exact',
      paragraphId: 'p2',
    });
    expect(resolveAnchor(legacy, paragraphs('One paragraph.')).status).toBe('orphaned');
  });

  it('sets a quote that holds double quotation marks in single ones', () => {
    expect(quoted('night buses')).toBe('“night buses”');
    expect(quoted('“Yes,” she said')).toBe('‘“Yes,” she said’');
    expect(quoted('rise by "x" percent')).toBe('‘rise by "x" percent’');
    expect(quoted('don’t')).toBe('“don’t”');
  });

  it('measures approximate similarity', () => {
    expect(approximateMatch('kitten', 'the sitting cat')!.similarity).toBeCloseTo(1 - 2 / 6);
  });
});
