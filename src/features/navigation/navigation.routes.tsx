/** /admin/navigation: the header's and the footer's items (publisher only). */
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../web/app-instance.js';
import { AppError } from '../../errors.js';
import { msg } from '../../lib/message.js';
import { flashMessage, formErrors } from '../../web/forms.js';
import { requireRole, viewerOf } from '../../web/guards.js';
import { editNavigation, parseAction, type NavRow } from './navigation.edit.js';
import { loadNavigationForm, type NavItem, type NavList } from './navigation.service.js';
import { NavigationPage, type NavigationPageProps } from './views/NavigationPage.js';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const Strs = (max: number) => Type.Optional(Type.Array(Type.String({ maxLength: max }), { maxItems: 60 }));
const NavigationBody = Type.Object({
  _csrf: Str(200),
  list: Type.Union([Type.Literal('header'), Type.Literal('footer')]),
  item: Strs(40),
  label: Strs(200),
  url: Strs(1000),
  add_item: Str(40),
  add_label: Str(200),
  add_url: Str(1000),
  do: Type.String({ maxLength: 20 }),
});
type Body = {
  list: NavList;
  item?: string[];
  label?: string[];
  url?: string[];
  add_item?: string;
  add_label?: string;
  add_url?: string;
  do: string;
};

/** The rows as the form sent them (a row missing a field gets it empty). */
const rowsOf = (b: Partial<Body>): NavRow[] =>
  (b.item ?? []).map((item, n) => ({ item, label: b.label?.[n] ?? '', url: b.url?.[n] ?? '' }));
const addOf = (b: Partial<Body>): NavRow => ({
  item: b.add_item ?? '',
  label: b.add_label ?? '',
  url: b.add_url ?? '',
});
const rowOf = (i: NavItem): NavRow =>
  i.kind === 'link'
    ? { item: 'link', label: i.label, url: i.url }
    : { item: `${i.kind}:${i.id}`, label: i.label, url: '' };

export async function navigationRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  const publisher = requireRole('publisher');

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { error?: NavigationPageProps['error']; sent?: NavRow[]; notice?: string },
  ) {
    const form = await loadNavigationForm(deps.db.kysely, request.i18n);
    const rows = { header: form.lists.header.map(rowOf), footer: form.lists.footer.map(rowOf) };
    if (o.error && o.sent) rows[o.error.list] = o.sent;
    return reply.page(
      { title: request.i18n.t('navigation.title'), bodyClass: 'admin' },
      <NavigationPage
        role={viewerOf(request).role}
        csrf={reply.formToken()}
        rows={rows}
        saved={form.saved}
        sections={form.sections}
        pages={form.pages}
        error={o.error}
        notice={o.notice}
      />,
      reply.statusCode >= 400 ? reply.statusCode : 200,
    );
  }

  app.get(
    '/admin/navigation',
    { schema: { querystring: Type.Object({ done: Str(20) }) }, preHandler: publisher },
    async (request, reply) => {
      const notice = flashMessage({ saved: 'navigation.notice_saved' }, request.query.done);
      return render(request, reply, { notice: notice && request.i18n.t(notice) });
    },
  );

  app.post(
    '/admin/navigation',
    {
      schema: { body: NavigationBody },
      preHandler: [publisher, app.csrfProtection],
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      errorHandler: formErrors(async (request, reply, error) => {
        const b = (request.body ?? {}) as Partial<Body>;
        const list: NavList = b.list === 'footer' ? 'footer' : 'header';
        return render(request, reply, { error: { list, error, add: addOf(b) }, sent: rowsOf(b) });
      }),
    },
    async (request, reply) => {
      const b = request.body as Body;
      const action = parseAction(b.do, addOf(b));
      if (!action) throw new AppError('NAVIGATION_INVALID', msg('navigation.bad_button'));
      await editNavigation({ ...deps, now: deps.clock.now() }, viewerOf(request), {
        list: b.list,
        rows: rowsOf(b),
        action,
      });
      return reply.redirect(`/admin/navigation?done=saved#${b.list}`, 303);
    },
  );
}
