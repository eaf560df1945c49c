/** The publisher's discussion settings page: reply depth, edit window, down votes, page size, posting limit. */
import type { FastifyError } from 'fastify';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import type { AppInstance } from '../../web/app-instance.js';
import { handleError, wantsJson } from '../../web/error-handler.js';
import { AdminNav } from '../../web/components/AdminNav.js';
import { hasRole, requireRole, viewerOf } from '../../web/guards.js';
import {
  DiscussionSettingsSchema,
  getDiscussionSettings,
  updateDiscussionSettings,
  type DiscussionSettings,
} from './discussion-settings.js';

const PATH = '/admin/settings/discussion';

/** What the form sent, field by field, when it is shown again with its errors. */
type SentValues = Partial<Record<keyof DiscussionSettings, string>>;

function SettingsPage({
  s,
  csrfToken,
  role,
  saved,
  sent = {},
  errors = {},
}: {
  s: DiscussionSettings;
  csrfToken: string;
  role: string;
  saved: boolean;
  sent?: SentValues;
  errors?: Partial<Record<keyof DiscussionSettings, string>>;
}) {
  const num = (name: keyof DiscussionSettings, label: string, hint: string, min: number, max: number) => (
    <div class={errors[name] ? 'field field-invalid' : 'field'}>
      <label for={`ds-${name}`}>{label}</label>
      <input
        id={`ds-${name}`}
        type="number"
        name={name}
        min={min}
        max={max}
        required
        value={sent[name] ?? String(s[name])}
        aria-invalid={errors[name] ? 'true' : undefined}
        aria-describedby={[errors[name] ? `ds-${name}-error` : '', `ds-${name}-hint`].filter(Boolean).join(' ')}
      />
      {errors[name] && (
        <p class="field-error" id={`ds-${name}-error`}>
          {errors[name]}
        </p>
      )}
      <p class="hint" id={`ds-${name}-hint`}>
        {hint}
      </p>
    </div>
  );
  const invalid = Object.keys(errors) as Array<keyof DiscussionSettings>;
  return (
    <div class="admin-page">
      <AdminNav role={role} current="/admin/settings" />
      <h1>Discussion settings</h1>
      {saved && (
        <p class="notice notice-ok" role="status">
          Saved. The new settings apply to every page now.
        </p>
      )}
      {invalid.length > 0 && (
        <div class="notice notice-error error-summary" role="alert" data-error-code="INVALID_INPUT">
          <p>Some settings need attention; nothing was saved.</p>
          <ul>
            {invalid.map((name) => (
              <li>
                <a href={`#ds-${name}`}>{errors[name]}</a>
              </li>
            ))}
          </ul>
        </div>
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

interface ValidationFailure {
  instancePath: string;
  params: { requiredProperties?: string[] } | object;
}

const SETTING_LABELS: Record<keyof DiscussionSettings, string> = {
  maxDepth: 'Reply depth',
  editWindowMinutes: 'Edit window',
  downvotes: 'Down votes',
  threadsPerPage: 'Threads per page',
  postLimit: 'Comments per reader per window',
  postWindowSeconds: 'Posting window',
  voteLimit: 'Votes per address per minute',
  guestVotesPerNetwork: 'Guest votes per comment from one network',
};

/** One message per failing setting, naming its allowed range (from the schema that refused it). */
function fieldMessages(failures: ValidationFailure[]): Partial<Record<keyof DiscussionSettings, string>> {
  const out: Partial<Record<keyof DiscussionSettings, string>> = {};
  for (const f of failures) {
    const missing = 'requiredProperties' in f.params ? f.params.requiredProperties?.[0] : undefined;
    const name = (f.instancePath.replace(/^\//, '') || missing || '') as keyof DiscussionSettings;
    if (!(name in SETTING_LABELS)) continue;
    const range = DiscussionSettingsSchema.properties[name] as { minimum?: number; maximum?: number };
    out[name] =
      range.minimum !== undefined
        ? `${SETTING_LABELS[name]}: a whole number from ${range.minimum} to ${range.maximum}.`
        : `${SETTING_LABELS[name]}: choose one.`;
  }
  return out;
}

function sentValues(body: unknown): SentValues {
  const out: SentValues = {};
  if (typeof body !== 'object' || body === null) return out;
  for (const name of Object.keys(SETTING_LABELS) as Array<keyof DiscussionSettings>) {
    const v = (body as Record<string, unknown>)[name];
    if (typeof v === 'string' || typeof v === 'number') out[name] = String(v).slice(0, 20);
  }
  return out;
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
    {
      schema: { body: DiscussionSettingsSchema },
      preHandler: [requireRole('publisher'), app.csrfProtection],
      // A number out of range comes back on the form, each field with its allowed range; nothing is saved.
      errorHandler: async (err, request, reply) => {
        const sent = sentValues(request.body);
        // Validation runs before the preHandlers: only the publisher's own form is shown back to them.
        if (!(err as FastifyError).validation || wantsJson(request) || !hasRole(request.viewer?.role, 'publisher'))
          return handleError(err, request, reply);
        // Fastify's validator stops at the first failure; the form names every one.
        const converted = Value.Convert(DiscussionSettingsSchema, { ...sent }) as unknown;
        const failures: ValidationFailure[] = [...Value.Errors(DiscussionSettingsSchema, converted)];
        return reply.page(
          { title: 'Discussion settings', bodyClass: 'admin' },
          <SettingsPage
            s={await getDiscussionSettings(db.kysely)}
            csrfToken={reply.formToken()}
            role={viewerOf(request).role}
            saved={false}
            sent={sent}
            errors={fieldMessages(failures)}
          />,
          400,
        );
      },
    },
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
