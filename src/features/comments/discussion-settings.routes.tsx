/** The publisher's discussion settings page: reply depth, edit window, down votes, page size, posting limit. */
import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { AdminNav } from '../../web/components/AdminNav.js';
import { requireRole, viewerOf } from '../../web/guards.js';
import {
  DiscussionSettingsSchema,
  getDiscussionSettings,
  updateDiscussionSettings,
  type DiscussionSettings,
} from './discussion-settings.js';

const PATH = '/admin/settings/discussion';

function SettingsPage({
  s,
  csrfToken,
  role,
  saved,
}: {
  s: DiscussionSettings;
  csrfToken: string;
  role: string;
  saved: boolean;
}) {
  const num = (name: keyof DiscussionSettings, label: string, hint: string, min: number, max: number) => (
    <div class="field">
      <label for={`ds-${name}`}>{label}</label>
      <input
        id={`ds-${name}`}
        type="number"
        name={name}
        min={min}
        max={max}
        required
        value={String(s[name])}
        aria-describedby={`ds-${name}-hint`}
      />
      <p class="hint" id={`ds-${name}-hint`}>
        {hint}
      </p>
    </div>
  );
  return (
    <div class="admin-page">
      <AdminNav role={role} current="/admin/settings" />
      <h1>Discussion settings</h1>
      {saved && (
        <p class="notice notice-ok" role="status">
          Saved. The new settings apply to every page now.
        </p>
      )}
      <form class="form" method="post" action={PATH}>
        <input type="hidden" name="_csrf" value={csrfToken} />
        {num(
          'maxDepth',
          'Reply depth',
          'How deep replies nest. A reply below this depth is placed at the deepest level and names whom it answers.',
          1,
          10,
        )}
        {num(
          'editWindowMinutes',
          'Edit window (minutes)',
          'How long authors may edit or delete their own comment. 0 turns editing off.',
          0,
          1440,
        )}
        <fieldset class="field">
          <legend>Down votes</legend>
          <label>
            <input type="radio" name="downvotes" value="true" checked={s.downvotes} /> Readers may vote comments up and
            down
          </label>
          <label>
            <input type="radio" name="downvotes" value="false" checked={!s.downvotes} /> Up votes only
          </label>
        </fieldset>
        {num(
          'threadsPerPage',
          'Threads per page',
          'Top-level comments on the first page and on each “Load more”.',
          5,
          100,
        )}
        {num(
          'postLimit',
          'Comments per reader per window',
          'More than this in the window below is refused with “posting too quickly”. Staff are exempt.',
          1,
          100,
        )}
        {num('postWindowSeconds', 'Posting window (seconds)', 'The window the limit above counts in.', 10, 3600)}
        {num(
          'voteLimit',
          'Votes per address per minute',
          'More votes than this from one address in a minute are refused with “voting too quickly”.',
          5,
          1000,
        )}
        {num(
          'guestVotesPerNetwork',
          'Guest votes per comment from one network',
          'Guests behind one address (an office, a campus, a phone carrier) share this many votes on each comment; a guest who clears their cookies gets no more. Signed-in readers are not counted.',
          1,
          100,
        )}
        <p>
          <button type="submit">Save settings</button>
        </p>
      </form>
    </div>
  );
}

export async function discussionSettingsRoutes(app: AppInstance): Promise<void> {
  const { db, clock } = app.deps;

  app.get(
    PATH,
    {
      schema: { querystring: Type.Object({ saved: Type.Optional(Type.Literal('1')) }) },
      preHandler: requireRole('publisher'),
    },
    async (request, reply) => {
      const s = await getDiscussionSettings(db.kysely);
      const saved = request.query.saved === '1';
      return reply.page(
        { title: 'Discussion settings', bodyClass: 'admin' },
        <SettingsPage s={s} csrfToken={reply.formToken()} role={viewerOf(request).role} saved={saved} />,
      );
    },
  );

  app.post(
    PATH,
    { schema: { body: DiscussionSettingsSchema }, preHandler: [requireRole('publisher'), app.csrfProtection] },
    async (request, reply) => {
      const b = request.body;
      const value: DiscussionSettings = {
        maxDepth: b.maxDepth,
        editWindowMinutes: b.editWindowMinutes,
        downvotes: b.downvotes,
        threadsPerPage: b.threadsPerPage,
        postLimit: b.postLimit,
        postWindowSeconds: b.postWindowSeconds,
        voteLimit: b.voteLimit,
        guestVotesPerNetwork: b.guestVotesPerNetwork,
      };
      await updateDiscussionSettings(db.kysely, value, viewerOf(request).id, clock.now());
      return reply.redirect(`${PATH}?saved=1`, 303);
    },
  );
}
