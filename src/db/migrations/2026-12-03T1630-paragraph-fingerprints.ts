/**
 * Inline feedback: whole-paragraph anchors (an empty quote) now keep their paragraph's leading text, its
 * fingerprint, as their suffix, so that an edit is followed by text and not by paragraph position. This
 * gives the anchors stored before that a fingerprint: the paragraph they point to now, in the article's
 * body as it is now (the body they were last resolved against). Anchors whose paragraph is already gone
 * stay as they are.
 *
 * Self-contained on purpose (a shipped migration is never edited): paragraph extraction and the
 * fingerprint are copied from src/features/inline/anchor.ts as they are on this date.
 */
import type { Kysely } from 'kysely';

const FINGERPRINT = 200;
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  '#39': "'",
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[name.toLowerCase()] ?? m;
  });
}

/** Paragraph id → its fingerprint, for one body. */
function fingerprints(bodyHtml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of bodyHtml.matchAll(/<p id="(p\d+)">([\s\S]*?)<\/p>/g)) {
    const text = decodeEntities(m[2]!.replace(/<br\s*\/?>/g, ' ').replace(/<[^>]+>/g, ''))
      .replace(/\s+/g, ' ')
      .trim();
    out.set(m[1]!, text.slice(0, FINGERPRINT));
  }
  return out;
}

interface AnchoredRow {
  id: number;
  article_id: number;
  anchor_exact: string | null;
  anchor_suffix: string | null;
  anchor_current_paragraph: string | null;
}
interface Tables {
  comments: AnchoredRow;
  inline_questions: AnchoredRow;
  articles: { id: number; body_html: string };
}

export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as unknown as Kysely<Tables>;
  for (const table of ['comments', 'inline_questions'] as const) {
    const rows = await db
      .selectFrom(table)
      .select(['id', 'article_id', 'anchor_current_paragraph'])
      .where('anchor_exact', '=', '')
      .where('anchor_current_paragraph', 'is not', null)
      .where((eb) => eb.or([eb('anchor_suffix', '=', ''), eb('anchor_suffix', 'is', null)]))
      .orderBy('article_id')
      .execute();
    let article: { id: number; paragraphs: Map<string, string> } | undefined;
    for (const r of rows) {
      if (article?.id !== r.article_id) {
        const a = await db.selectFrom('articles').select('body_html').where('id', '=', r.article_id).executeTakeFirst();
        article = { id: r.article_id, paragraphs: fingerprints(a?.body_html ?? '') };
      }
      const fingerprint = article.paragraphs.get(r.anchor_current_paragraph!);
      if (fingerprint) await db.updateTable(table).set({ anchor_suffix: fingerprint }).where('id', '=', r.id).execute();
    }
  }
}
