/** The glue between inline feedback and the discussion's form and page (kept here so the discussion's files change little). */
import type { I18n } from '../../../platform/i18n.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.js';
import { AppError } from '../../../errors.js';
import { extractParagraphs } from './anchor.js';
import { findArticleBody, listPassageComments, listQuestions } from './inline.repo.js';
import { paragraphLabel, passageCounts, type PassageCountCache } from './inline.service.js';
import type { PassageChoiceProps } from './views/PassageViews.js';
import { decorateBody } from './views/passage-tools.js';

/** The passage fields of a posted comment form; null when the reader chose none. */
export function passageOf(f: {
  anchor_paragraph?: string;
  anchor_exact?: string;
}): { paragraphId: string; exact: string } | null {
  return f.anchor_paragraph ? { paragraphId: f.anchor_paragraph, exact: f.anchor_exact ?? '' } : null;
}

/** The form's passage choice for an article, with `selected` set when it names one of its paragraphs. */
export async function passageChoiceFor(
  db: Kysely<Database>,
  articleId: number,
  selected: string | undefined,
  quote = '',
  err?: unknown,
): Promise<PassageChoiceProps> {
  const paragraphs = extractParagraphs((await findArticleBody(db, articleId)) ?? '');
  const chosen = paragraphs.some((p) => p.id === selected) ? selected! : null;
  const error = err instanceof AppError && err.options.fields?.anchor ? err.message : undefined;
  return {
    paragraphs: paragraphs.map((p) => ({ id: p.id, label: paragraphLabel(p) })),
    selected: chosen,
    quote: chosen ? quote : '',
    error,
  };
}

export interface ArticleInline {
  /** The body with counts, questions and "Comment" links beside each paragraph. */
  bodyHtml: string;
  choice: PassageChoiceProps;
  /** `?passage=pN`: that passage's comments, for the panel above the discussion. */
  panel: { paragraphId: string; label: string; comments: Awaited<ReturnType<typeof listPassageComments>> } | null;
}

/** Everything inline feedback adds to an article page: one grouped count (cached by version), the questions, and the panel when asked. */
export async function articleInline(
  db: Kysely<Database>,
  counts: PassageCountCache,
  article: { id: number; bodyHtml: string; commentsVersion: number },
  passage: string | undefined,
  i18n: I18n,
): Promise<ArticleInline> {
  const paragraphs = extractParagraphs(article.bodyHtml);
  const [byPassage, questions] = await Promise.all([
    passageCounts(db, counts, article.id, article.commentsVersion),
    listQuestions(db, article.id),
  ]);
  const chosen = paragraphs.find((p) => p.id === passage);
  return {
    bodyHtml: decorateBody(article.bodyHtml, byPassage, questions, i18n),
    choice: {
      paragraphs: paragraphs.map((p) => ({ id: p.id, label: paragraphLabel(p) })),
      selected: chosen?.id ?? null,
      quote: '',
    },
    panel: chosen
      ? {
          paragraphId: chosen.id,
          label: paragraphLabel(chosen, 20),
          comments: await listPassageComments(db, article.id, chosen.id),
        }
      : null,
  };
}
