/**
 * The publisher's discussion settings page: reply depth, edit window, down votes, page size, posting limit; and,
 * in a form of its own, the sites that may embed the discussion (embed-settings.ts).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { msg, type Message } from '../../lib/message.js';
import type { AppInstance } from '../../web/app-instance.js';
import { handleError, wantsJson } from '../../web/error-handler.js';
import { AdminNav } from '../../web/components/AdminNav.js';
import { hasRole, requireRole, viewerOf } from '../../web/guards.js';
import { useI18n } from '../../web/i18n-context.js';
import {
  DiscussionSettingsSchema,
  getDiscussionSettings,
  updateDiscussionSettings,
  type DiscussionSettings,
} from './discussion-settings.js';
import { AppError } from '../../errors.js';
import { getEmbedSettings, parseOrigins, updateEmbedSettings } from './embed-settings.js';

const PATH = '/admin/settings/discussion';
const EMBED_PATH = '/admin/settings/embed';

/** The embed form's state: the saved list, or what was sent and why it was refused. */
interface EmbedFormState {
  origins: string[];
  sent?: string;
  error?: Message;
  saved?: boolean;
}

function EmbedOriginsForm({ state, csrfToken }: { state: EmbedFormState; csrfToken: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section aria-labelledby="embed-heading">
      <h2 id="embed-heading">{t('modsettings.embed_heading')}</h2>
      {state.saved && (
        <p class="notice notice-ok" role="status">
          {t('modsettings.embed_saved', { any: state.origins.length === 0 ? 'yes' : 'no' })}
        </p>
      )}
      {state.error && (
        <div class="notice notice-error error-summary" role="alert" data-error-code="EMBED_ORIGIN_INVALID">
          <p>
            <a href="#embed-origins">{i18n.text(state.error)}</a>
          </p>
        </div>
      )}
      <form class="form" method="post" action={EMBED_PATH}>
        <input type="hidden" name="_csrf" value={csrfToken} />
        <div class={state.error ? 'field field-invalid' : 'field'}>
          <label for="embed-origins">{t('modsettings.embed_label')}</label>
          <textarea
            id="embed-origins"
            name="origins"
            rows={4}
            class="input-wide"
            aria-invalid={state.error ? 'true' : undefined}
            aria-describedby={[state.error ? 'embed-origins-error' : '', 'embed-origins-hint']
              .filter(Boolean)
              .join(' ')}
          >
            {state.sent ?? state.origins.join('\n')}
          </textarea>
          {state.error && (
            <p class="field-error" id="embed-origins-error">
              {i18n.text(state.error)}
            </p>
          )}
          <p class="hint" id="embed-origins-hint">
            {t('modsettings.embed_hint')}
          </p>
        </div>
        <p>
          <button type="submit">{t('modsettings.embed_save')}</button>
        </p>
      </form>
    </section>
  );
}

/** What the form sent, field by field, when it is shown again with its errors. */
type SentValues = Partial<Record<keyof DiscussionSettings, string>>;

function SettingsPage({
  s,
  csrfToken,
  role,
  saved,
  sent = {},
  errors = {},
  embed,
}: {
  embed: EmbedFormState;
  s: DiscussionSettings;
  csrfToken: string;
  role: string;
  saved: boolean;
  sent?: SentValues;
  errors?: Partial<Record<keyof DiscussionSettings, Message>>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const num = (name: keyof DiscussionSettings, min: number, max: number) => (
    <div class={errors[name] ? 'field field-invalid' : 'field'}>
      <label for={`ds-${name}`}>{t(`modsettings.ds_${SETTING_KEYS[name]}_label`)}</label>
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
          {i18n.text(errors[name])}
        </p>
      )}
      <p class="hint" id={`ds-${name}-hint`}>
        {t(`modsettings.ds_${SETTING_KEYS[name]}_hint`)}
      </p>
    </div>
  );
  const invalid = Object.keys(errors) as Array<keyof DiscussionSettings>;
  return (
    <div class="admin-page">
      <AdminNav role={role} current="/admin/settings" />
      <h1>{t('modsettings.ds_title')}</h1>
      {saved && (
        <p class="notice notice-ok" role="status">
          {t('modsettings.ds_saved')}
        </p>
      )}
      {invalid.length > 0 && (
        <div class="notice notice-error error-summary" role="alert" data-error-code="INVALID_INPUT">
          <p>{t('modsettings.ds_error_summary')}</p>
          <ul>
            {invalid.map((name) => (
              <li>
                <a href={`#ds-${name}`}>{i18n.text(errors[name]!)}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form class="form" method="post" action={PATH}>
        <input type="hidden" name="_csrf" value={csrfToken} />
        {num('maxDepth', 1, 10)}
        {num('editWindowMinutes', 0, 1440)}
        <fieldset class="field">
          <legend>{t('modsettings.ds_downvotes_legend')}</legend>
          <label>
            <input type="radio" name="downvotes" value="true" checked={s.downvotes} />{' '}
            {t('modsettings.ds_downvotes_on')}
          </label>
          <label>
            <input type="radio" name="downvotes" value="false" checked={!s.downvotes} />{' '}
            {t('modsettings.ds_downvotes_off')}
          </label>
        </fieldset>
        {num('threadsPerPage', 5, 100)}
        {num('postLimit', 1, 100)}
        {num('postWindowSeconds', 10, 3600)}
        {num('voteLimit', 5, 1000)}
        {num('guestVotesPerNetwork', 1, 100)}
        <p>
          <button type="submit">{t('modsettings.ds_save')}</button>
        </p>
      </form>
      <EmbedOriginsForm state={embed} csrfToken={csrfToken} />
    </div>
  );
}

interface ValidationFailure {
  instancePath: string;
  params: { requiredProperties?: string[] } | object;
}

/** Each setting's part of its catalogue keys (`modsettings.ds_<part>_label`, `…_hint`). */
const SETTING_KEYS: Record<keyof DiscussionSettings, string> = {
  maxDepth: 'max_depth',
  editWindowMinutes: 'edit_window',
  downvotes: 'downvotes',
  threadsPerPage: 'threads_per_page',
  postLimit: 'post_limit',
  postWindowSeconds: 'post_window',
  voteLimit: 'vote_limit',
  guestVotesPerNetwork: 'guest_votes',
};

/** One message per failing setting, naming its allowed range (from the schema that refused it). */
function fieldMessages(failures: ValidationFailure[]): Partial<Record<keyof DiscussionSettings, Message>> {
  const out: Partial<Record<keyof DiscussionSettings, Message>> = {};
  for (const f of failures) {
    const missing = 'requiredProperties' in f.params ? f.params.requiredProperties?.[0] : undefined;
    const name = (f.instancePath.replace(/^\//, '') || missing || '') as keyof DiscussionSettings;
    if (!(name in SETTING_KEYS)) continue;
    const range = DiscussionSettingsSchema.properties[name] as { minimum?: number; maximum?: number };
    out[name] =
      range.minimum !== undefined
        ? msg('modsettings.ds_error_range', { setting: name, min: range.minimum, max: range.maximum })
        : msg('modsettings.ds_error_choose', { setting: name });
  }
  return out;
}

function sentValues(body: unknown): SentValues {
  const out: SentValues = {};
  if (typeof body !== 'object' || body === null) return out;
  for (const name of Object.keys(SETTING_KEYS) as Array<keyof DiscussionSettings>) {
    const v = (body as Record<string, unknown>)[name];
    if (typeof v === 'string' || typeof v === 'number') out[name] = String(v).slice(0, 20);
  }
  return out;
}

export async function discussionSettingsRoutes(app: AppInstance): Promise<void> {
  const { db, clock } = app.deps;

  /** The page: the saved settings, or what one of its two forms sent and why it was refused. */
  async function renderPage(
    request: FastifyRequest,
    reply: FastifyReply,
    o: {
      saved?: boolean;
      sent?: SentValues;
      errors?: Partial<Record<keyof DiscussionSettings, Message>>;
      embed?: EmbedFormState;
    },
    status = 200,
  ) {
    return reply.page(
      { title: request.i18n.t('modsettings.ds_title'), bodyClass: 'admin' },
      <SettingsPage
        s={await getDiscussionSettings(db.kysely)}
        csrfToken={reply.formToken()}
        role={viewerOf(request).role}
        saved={o.saved ?? false}
        sent={o.sent}
        errors={o.errors}
        embed={o.embed ?? (await getEmbedSettings(db.kysely))}
      />,
      status,
    );
  }

  app.get(
    PATH,
    {
      schema: {
        querystring: Type.Object({ saved: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('embed')])) }),
      },
      preHandler: requireRole('publisher'),
    },
    async (request, reply) => {
      const { origins } = await getEmbedSettings(db.kysely);
      return renderPage(request, reply, {
        saved: request.query.saved === '1',
        embed: { origins, saved: request.query.saved === 'embed' },
      });
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
        return renderPage(request, reply, { sent, errors: fieldMessages(failures) }, 400);
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

  app.post(
    EMBED_PATH,
    {
      schema: {
        body: Type.Object({ origins: Type.String({ maxLength: 20_000 }), _csrf: Type.Optional(Type.String()) }),
      },
      preHandler: [requireRole('publisher'), app.csrfProtection],
    },
    async (request, reply) => {
      let origins: string[];
      try {
        origins = parseOrigins(request.body.origins);
      } catch (err) {
        if (!(err instanceof AppError) || wantsJson(request)) throw err;
        // The list comes back as typed, with the entry that is not a site's address; nothing is saved.
        const error = err.options.fields?.origins as Message;
        return renderPage(request, reply, { embed: { origins: [], sent: request.body.origins, error } }, 400);
      }
      await updateEmbedSettings(db.kysely, { origins }, viewerOf(request).id, clock.now());
      return reply.redirect(`${PATH}?saved=embed#embed-heading`, 303);
    },
  );
}
