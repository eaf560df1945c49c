/**
 * Inline feedback for editors: "Check passages" (how many readers' anchors an unsaved edit would
 * orphan), and questions on passages posed from the article's passages page.
 */
import { Type } from 'typebox';
import type { AppInstance } from '../../../web/app-instance.js';
import { AppError, notFound } from '../../../errors.js';
import { iso } from '../../../lib/clock.js';
import { requireRole } from '../../../web/guards.js';
import { formErrors } from '../../../web/forms.js';
import { renderArticleBody } from '../../articles/index.js';
import { assertCan, canView } from '../../articles/index.js';
import { findEditableArticle } from '../../articles/index.js';
import { findDiscussionTarget } from '../comment.repo.js';
import { extractParagraphs } from './anchor.js';
import {
  countOrphanedComments,
  deleteQuestion,
  findArticleBody,
  insertQuestion,
  listQuestions,
} from './inline.repo.js';
import { anchorFor, paragraphLabel, PARAGRAPH_ID, previewOrphans } from './inline.service.js';
import { OrphanCheckPage, PassagesPage, type QuestionValues } from './views/PassagesPage.js';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const QuestionParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  qid: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});
/** The whole edit form arrives ("Check passages" submits it); only the body matters here. */
const CheckBody = Type.Object({
  body: Type.Optional(Type.String({ maxLength: 400_000 })),
  _csrf: Type.Optional(Type.String()),
});
const QuestionBody = Type.Object({
  paragraph: Type.String({ pattern: PARAGRAPH_ID }),
  quote: Type.Optional(Type.String({ maxLength: 2000 })),
  question: Type.String({ maxLength: 2000 }),
  _csrf: Type.Optional(Type.String()),
});
export const MAX_QUESTION_LENGTH = 500;

export async function inlineAdminRoutes(app: AppInstance): Promise<void> {
  const { db, clock } = app.deps;
  const writer = requireRole('author');
  const editor = requireRole('editor');

  async function passagesPage(
    role: string,
    articleId: number,
    csrf: string,
    o: { notice?: string; error?: AppError; values?: QuestionValues } = {},
  ) {
    const article = await findDiscussionTarget(db.kysely, { id: articleId });
    if (!article) throw notFound('ARTICLE_NOT_FOUND', 'article');
    const [body, questions, orphaned] = await Promise.all([
      findArticleBody(db.kysely, articleId),
      listQuestions(db.kysely, articleId),
      countOrphanedComments(db.kysely, articleId),
    ]);
    const paragraphs = extractParagraphs(body ?? '').map((p) => ({ id: p.id, label: paragraphLabel(p) }));
    return (
      <PassagesPage
        role={role}
        article={article}
        paragraphs={paragraphs}
        questions={questions}
        orphaned={orphaned}
        csrf={csrf}
        {...o}
      />
    );
  }

  app.post(
    '/admin/articles/:id/passages/check',
    { schema: { params: IdParams, body: CheckBody }, preHandler: [writer, app.csrfProtection] },
    async (request, reply) => {
      const article = await findDiscussionTarget(db.kysely, { id: request.params.id });
      if (!article) throw notFound('ARTICLE_NOT_FOUND', 'article');
      // An author checks only what they may look at: the page names the article (another author's draft headline).
      const owned = await findEditableArticle(db.kysely, article.id);
      assertCan(
        owned !== undefined && canView(request.viewer!, owned),
        'ARTICLE_EDIT_FORBIDDEN',
        'You can check passages only of articles you may open.',
      );
      const result = await previewOrphans(db.kysely, article.id, renderArticleBody(request.body.body ?? ''));
      if ((request.headers.accept ?? '').includes('application/json')) return result;
      return reply.page(
        { title: 'Check passages', bodyClass: 'admin' },
        <OrphanCheckPage article={article} {...result} />,
      );
    },
  );

  app.get(
    '/admin/articles/:id/passages',
    {
      schema: { params: IdParams, querystring: Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) }) },
      preHandler: editor,
    },
    async (request, reply) => {
      const notice =
        request.query.done === 'asked'
          ? 'Your question is on the article.'
          : request.query.done === 'removed'
            ? 'The question was removed.'
            : undefined;
      return reply.page(
        { title: 'Passages and questions', bodyClass: 'admin' },
        await passagesPage(request.viewer!.role, request.params.id, reply.generateCsrf(), { notice }),
      );
    },
  );

  const questionAgain = formErrors(async (request, reply, error) => {
    const { id } = request.params as { id: number };
    return reply.page(
      { title: 'Passages and questions', bodyClass: 'admin' },
      await passagesPage(request.viewer?.role ?? 'editor', id, reply.generateCsrf(), {
        error,
        values: request.body as QuestionValues,
      }),
      error.status,
    );
  });

  app.post(
    '/admin/articles/:id/questions',
    {
      schema: { params: IdParams, body: QuestionBody },
      preHandler: [editor, app.csrfProtection],
      errorHandler: questionAgain,
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const article = await findDiscussionTarget(db.kysely, { id: request.params.id });
      if (!article) throw notFound('ARTICLE_NOT_FOUND', 'article');
      const question = request.body.question.trim();
      if (question === '' || question.length > MAX_QUESTION_LENGTH) {
        throw new AppError('INLINE_QUESTION_INVALID', 'Please write the question (at most 500 characters).', {
          fields: {
            question: question === '' ? 'Write the question readers should answer.' : 'At most 500 characters.',
          },
        });
      }
      const anchor = await anchorFor(db.kysely, article.id, request.body.paragraph, request.body.quote ?? '');
      await insertQuestion(db.kysely, {
        articleId: article.id,
        anchor,
        question,
        createdBy: request.viewer!.id,
        createdAt: iso(clock.now()),
      });
      return reply.redirect(`/admin/articles/${article.id}/passages?done=asked`, 303);
    },
  );

  app.post(
    '/admin/articles/:id/questions/:qid/delete',
    { schema: { params: QuestionParams }, preHandler: [editor, app.csrfProtection] },
    async (request, reply) => {
      if (!(await deleteQuestion(db.kysely, request.params.id, request.params.qid)))
        throw new AppError('INLINE_QUESTION_NOT_FOUND', 'That question is already gone.');
      return reply.redirect(`/admin/articles/${request.params.id}/passages?done=removed`, 303);
    },
  );
}
