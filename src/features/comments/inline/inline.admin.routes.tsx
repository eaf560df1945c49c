/**
 * Inline feedback for editors: "Check passages" (how many readers' anchors an unsaved edit would
 * orphan), and questions on passages posed from the article's passages page.
 */
import { Type } from 'typebox';
import type { AppInstance } from '../../../web/app-instance.js';
import type { AppError } from '../../../errors.js';
import { requireRole, viewerOf } from '../../../web/guards.js';
import { formErrors } from '../../../web/forms.js';
import { PARAGRAPH_ID } from './inline.service.js';
import { askQuestion, checkPassages, loadPassagesPage, removeQuestion } from './passages.service.js';
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
export { MAX_QUESTION_LENGTH } from './passages.service.js';

export async function inlineAdminRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  const writer = requireRole('author');
  const editor = requireRole('editor');

  async function passagesPage(
    role: string,
    articleId: number,
    csrf: string,
    o: { notice?: string; error?: AppError; values?: QuestionValues } = {},
  ) {
    const data = await loadPassagesPage(deps, articleId);
    return <PassagesPage role={role} {...data} csrf={csrf} {...o} />;
  }

  app.post(
    '/admin/articles/:id/passages/check',
    { schema: { params: IdParams, body: CheckBody }, preHandler: [writer, app.csrfProtection] },
    async (request, reply) => {
      const { article, ...result } = await checkPassages(
        deps,
        viewerOf(request),
        request.params.id,
        request.body.body ?? '',
      );
      if ((request.headers.accept ?? '').includes('application/json')) return result;
      return reply.page(
        { title: request.i18n.t('inline.check_title'), bodyClass: 'admin' },
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
          ? request.i18n.t('inline.notice_asked')
          : request.query.done === 'removed'
            ? request.i18n.t('inline.notice_removed')
            : undefined;
      return reply.page(
        { title: request.i18n.t('inline.passages_title'), bodyClass: 'admin' },
        await passagesPage(viewerOf(request).role, request.params.id, reply.formToken(), { notice }),
      );
    },
  );

  const questionAgain = formErrors(async (request, reply, error) => {
    const { id } = request.params as { id: number };
    return reply.page(
      { title: request.i18n.t('inline.passages_title'), bodyClass: 'admin' },
      await passagesPage(request.viewer?.role ?? 'editor', id, reply.formToken(), {
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
      const articleId = await askQuestion(deps, {
        articleId: request.params.id,
        paragraph: request.body.paragraph,
        quote: request.body.quote ?? '',
        question: request.body.question,
        actorId: viewerOf(request).id,
      });
      return reply.redirect(`/admin/articles/${articleId}/passages?done=asked`, 303);
    },
  );

  app.post(
    '/admin/articles/:id/questions/:qid/delete',
    { schema: { params: QuestionParams }, preHandler: [editor, app.csrfProtection] },
    async (request, reply) => {
      await removeQuestion(deps, request.params.id, request.params.qid);
      return reply.redirect(`/admin/articles/${request.params.id}/passages?done=removed`, 303);
    },
  );
}
