/**
 * The moderation queue: /admin/moderation (moderators and the publisher). Without JavaScript every
 * action is a form post that redirects back to the same view with a notice; with moderation.js the same
 * endpoint answers JSON and the page updates in place, announcing the result in the live region.
 */
import { isRowId } from '../../../lib/ids.js';
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../../web/app-instance.js';
import { AppError } from '../../../errors.js';
import { msg } from '../../../lib/message.js';
import type { I18n } from '../../../platform/i18n.js';
import { handleError, wantsJson } from '../../../web/error-handler.js';
import { fieldErrors, formErrors } from '../../../web/forms.js';
import { requireRole, viewerOf } from '../../../web/guards.js';
import { BAN_DAYS, banCommenter } from './ban.service.js';
import { MAX_BULK, MODERATION_ACTIONS, moderateComments, type ModerationAction } from './moderation.service.js';
import {
  loadBanCommenterPage,
  loadQueue,
  loadQueueItem,
  QUEUE_STATUSES,
  type QueueQuery,
  type QueueStatus,
} from './queue.service.js';
import { BanCommenterPage, type BanCommenterValues } from './views/BanPages.js';
import { QueuePage, queueHref } from './views/QueuePage.js';

const Digits = Type.String({ pattern: '^\\d{0,10}$' });
const QueueQuerystring = Type.Object({
  status: Type.Optional(Type.Union(QUEUE_STATUSES.map((s) => Type.Literal(s)))),
  article: Type.Optional(Digits),
  commenter: Type.Optional(Type.String({ maxLength: 100 })),
  sameAs: Type.Optional(Digits),
  comment: Type.Optional(Digits),
  before: Type.Optional(Digits),
  done: Type.Optional(Type.String({ maxLength: 20 })),
  n: Type.Optional(Digits),
});
type QueueQs = {
  status?: QueueStatus;
  article?: string;
  commenter?: string;
  sameAs?: string;
  comment?: string;
  before?: string;
};

const Id = Type.Union([Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), Type.String({ pattern: '^\\d{1,10}$' })]);
const ActBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  action: Type.Optional(Type.Union(MODERATION_ACTIONS.map((a) => Type.Literal(a)))),
  one: Type.Optional(Type.String({ pattern: `^(${MODERATION_ACTIONS.join('|')}):\\d{1,10}$` })),
  ids: Type.Optional(Type.Union([Id, Type.Array(Id, { maxItems: MAX_BULK })])),
  return: Type.Optional(Type.String({ maxLength: 2000 })),
});

const BanBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  account: Type.Optional(Type.String({ maxLength: 5 })),
  email: Type.Optional(Type.String({ maxLength: 5 })),
  ip: Type.Optional(Type.String({ maxLength: 5 })),
  spamPending: Type.Optional(Type.String({ maxLength: 5 })),
  days: Type.Union(BAN_DAYS.map((d) => Type.Literal(d === null ? 'permanent' : String(d)))),
  reason: Type.String({ maxLength: 500 }),
  return: Type.Optional(Type.String({ maxLength: 2000 })),
});

/** Moderators triaging with keyboard shortcuts act about once a second; the default 60/min would stop them. */
const ACT_LIMIT = { max: 300, timeWindow: '1 minute' };

/** The actions whose notice is `moderation.notice_done` (a select on the action). */
const DONE = new Set(['approve', 'spam', 'trash', 'restore']);

const toInt = (s: string | undefined): number | undefined =>
  s && /^\d{1,10}$/.test(s) && isRowId(Number(s)) ? Number(s) : undefined;

export function parseQueueQuery(q: QueueQs): QueueQuery {
  return {
    status: q.status ?? 'pending',
    articleId: toInt(q.article),
    commenter: q.commenter?.trim() || undefined,
    sameAs: toInt(q.sameAs),
    commentId: toInt(q.comment),
    before: toInt(q.before),
  };
}

/** The queue view a form came from; anything that is not a queue address falls back to the default view. */
export function queueFromReturn(ret: string | undefined): QueueQuery {
  if (!ret || !ret.startsWith('/admin/moderation')) return { status: 'pending' };
  const u = new URL(ret, 'http://local');
  if (u.pathname !== '/admin/moderation') return { status: 'pending' };
  const p = Object.fromEntries(u.searchParams) as QueueQs;
  return parseQueueQuery({ ...p, status: QUEUE_STATUSES.includes(p.status as QueueStatus) ? p.status : undefined });
}

function withNotice(q: QueueQuery, done: string, n: number): string {
  const href = queueHref(q);
  return `${href}${href.includes('?') ? '&' : '?'}done=${done}&n=${n}`;
}

function noticeFor(i18n: I18n, done: string | undefined, n: number | undefined): string | null {
  if (!done || n === undefined) return null;
  if (done === 'ban') return i18n.t('moderation.notice_banned', { count: n });
  return DONE.has(done) ? i18n.t('moderation.notice_done', { action: done, count: n }) : null;
}

function parseIds(body: { one?: string; action?: ModerationAction; ids?: string | number | Array<string | number> }): {
  action: ModerationAction;
  ids: number[];
} {
  if (body.one) {
    const [action, id] = body.one.split(':');
    return { action: action as ModerationAction, ids: [Number(id)].filter(isRowId) };
  }
  if (!body.action) throw new AppError('MODERATION_ACTION_REQUIRED', msg('moderation.error_action_required'));
  // Ids no row can have (beyond 32 bits) are dropped here; an empty selection is answered as such.
  const ids = body.ids === undefined ? [] : [body.ids].flat().map(Number).filter(isRowId);
  return { action: body.action, ids };
}

export async function moderationQueueRoutes(app: AppInstance): Promise<void> {
  const { clock } = app.deps;
  const mod = requireRole('moderator');

  async function renderQueue(
    request: FastifyRequest,
    reply: FastifyReply,
    query: QueueQuery,
    opts: { notice?: string | null; error?: AppError; status?: number } = {},
  ) {
    const data = await loadQueue(app.deps, query);
    return reply.page(
      { title: request.i18n.t('moderation.queue_title'), bodyClass: 'admin', scripts: ['moderation.js'] },
      <QueuePage
        role={viewerOf(request).role}
        query={query}
        data={data}
        csrfToken={reply.formToken()}
        notice={opts.notice ?? null}
        error={opts.error}
      />,
      opts.status,
    );
  }

  app.get(
    '/admin/moderation',
    { preHandler: mod, schema: { querystring: QueueQuerystring } },
    async (request, reply) => {
      const q = request.query;
      return renderQueue(request, reply, parseQueueQuery(q), { notice: noticeFor(request.i18n, q.done, toInt(q.n)) });
    },
  );

  // A refused action shows the queue the form came from, with the error above it.
  const queueAgain = formErrors(async (request, reply, error) =>
    renderQueue(request, reply, queueFromReturn(bodyOf(request).return), { error, status: error.status }),
  );

  app.post(
    '/admin/moderation/act',
    {
      preHandler: [mod, app.csrfProtection],
      schema: { body: ActBody },
      config: { rateLimit: ACT_LIMIT },
      errorHandler: queueAgain,
    },
    async (request, reply) => {
      const back = queueFromReturn(request.body.return);
      const { action, ids } = parseIds(request.body);
      const result = await moderateComments(app.deps, {
        actorId: viewerOf(request).id,
        action,
        ids,
        now: clock.now(),
      });
      if (wantsJson(request)) {
        return {
          action,
          changed: result.changed.map((c) => ({ id: c.id, status: c.to })),
          unchanged: result.unchanged,
        };
      }
      return reply.redirect(withNotice(back, action, result.changed.length), 303);
    },
  );

  const banParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

  app.get(
    '/admin/moderation/comments/:id/ban',
    {
      preHandler: mod,
      schema: {
        params: banParams,
        querystring: Type.Object({ return: Type.Optional(Type.String({ maxLength: 2000 })) }),
      },
    },
    async (request, reply) => {
      const { item, values } = await loadBanCommenterPage(app.deps, request.params.id);
      return reply.page(
        { title: request.i18n.t('moderation.ban_title', { name: item.authorName }), bodyClass: 'admin' },
        <BanCommenterPage
          role={viewerOf(request).role}
          item={item}
          csrfToken={reply.formToken()}
          values={values}
          returnTo={queueHref(queueFromReturn(request.query.return))}
        />,
      );
    },
  );

  // A refused ban shows the ban form again with what was chosen (input errors answer 422, as they always have).
  const banAgain = formErrors(async (request, reply, error) => {
    const id = Number((request.params as { id?: unknown }).id);
    // An address the schema refused names no comment to show the form for.
    if (!isRowId(id)) return handleError(error, request, reply);
    const b = bodyOf(request);
    const item = await loadQueueItem(app.deps, id);
    if (!item) return handleError(error, request, reply);
    return reply.page(
      { title: request.i18n.t('moderation.ban_title', { name: item.authorName }), bodyClass: 'admin' },
      <BanCommenterPage
        role={viewerOf(request).role}
        item={item}
        csrfToken={reply.formToken()}
        values={banValues(b)}
        error={error}
        fields={fieldErrors(error)}
        returnTo={queueHref(queueFromReturn(b.return))}
      />,
      error.status === 400 ? 422 : error.status,
    );
  });

  app.post(
    '/admin/moderation/comments/:id/ban',
    { preHandler: [mod, app.csrfProtection], schema: { params: banParams, body: BanBody }, errorHandler: banAgain },
    async (request, reply) => {
      const b = request.body;
      const values = banValues(b);
      const { spammed } = await banCommenter(app.deps, {
        actorId: viewerOf(request).id,
        commentId: request.params.id,
        scopes: values,
        reason: b.reason,
        days: values.days,
        spamPending: values.spamPending,
        now: clock.now(),
      });
      return reply.redirect(withNotice(queueFromReturn(b.return), 'ban', spammed), 303);
    },
  );
}

/** The form as sent, or what is left of it when the schema refused it. */
const bodyOf = (request: FastifyRequest): Partial<Record<string, string>> =>
  request.body && typeof request.body === 'object' ? (request.body as Partial<Record<string, string>>) : {};

/** The ban form's choices as the form shows them. */
function banValues(b: Partial<Record<string, string>>): BanCommenterValues {
  const days = BAN_DAYS.find((d) => (d === null ? 'permanent' : String(d)) === b.days) ?? 7;
  return {
    account: !!b.account,
    email: !!b.email,
    ip: !!b.ip,
    days,
    reason: typeof b.reason === 'string' ? b.reason : '',
    spamPending: !!b.spamPending,
  };
}
