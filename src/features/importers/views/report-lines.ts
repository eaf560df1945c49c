/**
 * An import's summary as the admin page shows it, in the site's language: one line per kind with its counts
 * (plural messages), one per note, the discussions recounted, and the old addresses left without a redirect.
 * A note recorded before notes carried their message (an older job's row) is shown as it was written.
 * The CLI prints the English of the same tally (summaryLines in import.types.ts).
 */
import type { I18n } from '../../../platform/i18n.js';
import type { ImportProgress } from '../import.types.js';

/** The kinds the importers count, each with its own line (its words agree with the kind in some languages). */
const KINDS: Record<string, string> = {
  posts: 'importers.summary_kind_posts',
  pages: 'importers.summary_kind_pages',
  comments: 'importers.summary_kind_comments',
  authors: 'importers.summary_kind_authors',
  sections: 'importers.summary_kind_sections',
  tags: 'importers.summary_kind_tags',
  terms: 'importers.summary_kind_terms',
  attachments: 'importers.summary_kind_attachments',
  threads: 'importers.summary_kind_threads',
  'other items': 'importers.summary_kind_other_items',
};

export function reportLines(p: ImportProgress, i18n: I18n): string[] {
  const lines = Object.entries(p.byKind).map(([kind, c]) =>
    i18n.t(KINDS[kind] ?? 'importers.summary_kind_other', {
      kind,
      created: c.created,
      updated: c.updated,
      skipped: c.skipped,
    }),
  );
  for (const [english, count] of Object.entries(p.notes)) {
    const message = p.noteMessages?.[english];
    const note = message ? i18n.text(message) : english;
    const samples = p.samples[english];
    lines.push(
      samples?.length
        ? i18n.t('importers.summary_note_samples', { note, count, samples: samples.slice(0, 3).join(', ') })
        : i18n.t('importers.summary_note', { note, count }),
    );
  }
  if (p.articlesTouched > 0) lines.push(i18n.t('importers.summary_recounted', { count: p.articlesTouched }));
  const reasons = p.unmappedReasons;
  if (reasons && reasons.length === (p.unmappedAddresses ?? []).length) {
    for (const { address, reason } of reasons)
      lines.push(i18n.t('importers.summary_not_redirected', { address, reason: i18n.text(reason) }));
  } else {
    for (const a of p.unmappedAddresses ?? [])
      lines.push(i18n.t('importers.summary_not_redirected_as_written', { line: a }));
  }
  return lines;
}
