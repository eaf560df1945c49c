/**
 * The editors' side of inline feedback: the passages page of an article (its paragraphs, the questions
 * posed on them, the comments orphaned by edits), asking and removing a question, and "Check passages"
 * (how many anchors an unsaved edit would orphan).
 */
import { msg } from '../../../lib/message.js';
import type { Deps } from '../../../deps.js';
import { AppError, notFound } from '../../../errors.js';
import { iso } from '../../../platform/clock.js';
import { assertCan, canView, findEditableArticle, renderArticleBody } from '../../articles/index.js';
import { findDiscussionTarget, type DiscussionTarget } from '../comment.repo.js';
import { extractParagraphs } from './anchor.js';
import {
  countOrphanedComments,
  deleteQuestion,
  findArticleBody,
  insertQuestion,
  listQuestions,
  type InlineQuestion,
} from './inline.repo.js';
import { anchorFor, paragraphLabel, previewOrphans } from './inline.service.js';

export const MAX_QUESTION_LENGTH = 500;

type PassagesDeps = Pick<Deps, 'db'>;

export interface PassagesPageData {
  article: DiscussionTarget;
  paragraphs: Array<{ id: string; label: string }>;
  questions: InlineQuestion[];
  /** Readers' comments whose passage is gone. */
  orphaned: number;
}

async function articleOr404(deps: PassagesDeps, articleId: number): Promise<DiscussionTarget> {
  const article = await findDiscussionTarget(deps.db.kysely, { id: articleId });
  if (!article) throw notFound('ARTICLE_NOT_FOUND', 'article');
  return article;
}

/** The passages page of one article. */
export async function loadPassagesPage(deps: PassagesDeps, articleId: number): Promise<PassagesPageData> {
  const db = deps.db.kysely;
  const article = await articleOr404(deps, articleId);
  const [body, questions, orphaned] = await Promise.all([
    findArticleBody(db, articleId),
    listQuestions(db, articleId),
    countOrphanedComments(db, articleId),
  ]);
  const paragraphs = extractParagraphs(body ?? '').map((p) => ({ id: p.id, label: paragraphLabel(p) }));
  return { article, paragraphs, questions, orphaned };
}

/**
 * "Check passages": how many anchors saving `bodySource` would orphan. An author checks only what they
 * may look at: the page names the article (another author's draft headline).
 */
export async function checkPassages(
  deps: PassagesDeps,
  viewer: Parameters<typeof canView>[0],
  articleId: number,
  bodySource: string,
): Promise<{ article: DiscussionTarget; orphaned: number; total: number }> {
  const db = deps.db.kysely;
  const article = await articleOr404(deps, articleId);
  const owned = await findEditableArticle(db, article.id);
  assertCan(
    owned !== undefined && canView(viewer, owned),
    'ARTICLE_EDIT_FORBIDDEN',
    'You can check passages only of articles you may open.',
  );
  const result = await previewOrphans(db, article.id, renderArticleBody(bodySource));
  return { article, ...result };
}

/** An editor poses a question on a passage (or the whole article). Returns the article's id. */
export async function askQuestion(
  deps: PassagesDeps & Pick<Deps, 'clock'>,
  input: { articleId: number; paragraph: string; quote: string; question: string; actorId: number },
): Promise<number> {
  const db = deps.db.kysely;
  const article = await articleOr404(deps, input.articleId);
  const question = input.question.trim();
  if (question === '' || question.length > MAX_QUESTION_LENGTH) {
    throw new AppError('INLINE_QUESTION_INVALID', msg('inline.error_question_invalid'), {
      fields: {
        question:
          question === '' ? msg('inline.error_question_missing_field') : msg('inline.error_question_long_field'),
      },
    });
  }
  const anchor = await anchorFor(db, article.id, input.paragraph, input.quote);
  await insertQuestion(db, {
    articleId: article.id,
    anchor,
    question,
    createdBy: input.actorId,
    createdAt: iso(deps.clock.now()),
  });
  return article.id;
}

/** Removes a question from an article; INLINE_QUESTION_NOT_FOUND when it is gone already. */
export async function removeQuestion(deps: PassagesDeps, articleId: number, questionId: number): Promise<void> {
  if (!(await deleteQuestion(deps.db.kysely, articleId, questionId)))
    throw new AppError('INLINE_QUESTION_NOT_FOUND', msg('inline.error_question_gone'));
}
