/** /admin/moderation/settings: the publisher's moderation rules. Every change is audit-logged. */
import { Type } from 'typebox';
import { msg, type Message } from '../../../lib/message.js';
import type { AppInstance } from '../../../web/app-instance.js';
import { requireRole, viewerOf } from '../../../web/guards.js';
import { getModerationSettings, LIMITS, PROFANITY_MODES, type ModerationSettings } from './moderation.settings.js';
import { saveModerationSettings } from './settings.service.js';
import { formValues, SettingsPage, type SettingsFormValues } from './views/SettingsPage.js';

const SettingsBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  premoderateAll: Type.Optional(Type.String({ maxLength: 5 })),
  newCommenterApprovals: Type.String({ maxLength: 12 }),
  maxLinks: Type.String({ maxLength: 12 }),
  suspectWords: Type.Optional(Type.String({ maxLength: 60_000 })),
  bannedWords: Type.Optional(Type.String({ maxLength: 60_000 })),
  profanity: Type.Union(PROFANITY_MODES.map((m) => Type.Literal(m))),
  reportThreshold: Type.String({ maxLength: 12 }),
});

/** One entry per line (commas separate too); blank lines and repeats dropped. */
export function parseWordList(raw: string | undefined): string[] {
  const seen = new Set<string>();
  return (raw ?? '')
    .split(/[\n,]/)
    .map((w) => w.trim().replace(/\s+/g, ' '))
    .filter((w) => w !== '' && !seen.has(w.toLowerCase()) && seen.add(w.toLowerCase()));
}

/** Checks the form; returns the settings, or a message per field. */
export function parseSettingsForm(
  v: SettingsFormValues,
): { settings: ModerationSettings } | { fields: Record<string, Message> } {
  const fields: Record<string, Message> = {};
  const int = (name: keyof SettingsFormValues, raw: string, min: number, max: number): number => {
    const n = /^\s*\d{1,6}\s*$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) fields[name] = msg('modsettings.error_whole_number', { min, max });
    return n;
  };
  const words = (name: 'suspectWords' | 'bannedWords', raw: string): string[] => {
    const list = parseWordList(raw);
    if (list.length > LIMITS.words)
      fields[name] = msg('modsettings.error_too_many_words', { max: LIMITS.words, count: list.length });
    const long = list.find((w) => w.length > LIMITS.wordLength);
    if (long)
      fields[name] = msg('modsettings.error_word_too_long', { max: LIMITS.wordLength, word: long.slice(0, 30) });
    if (!fields[name] && list.some((w) => !/[\p{L}\p{N}]/u.test(w)))
      fields[name] = msg('modsettings.error_word_needs_letter');
    return list;
  };
  const settings: ModerationSettings = {
    premoderateAll: v.premoderateAll,
    newCommenterApprovals: int('newCommenterApprovals', v.newCommenterApprovals, 0, LIMITS.approvals),
    maxLinks: int('maxLinks', v.maxLinks, 0, LIMITS.links),
    suspectWords: words('suspectWords', v.suspectWords),
    bannedWords: words('bannedWords', v.bannedWords),
    profanity: v.profanity,
    reportThreshold: int('reportThreshold', v.reportThreshold, 1, LIMITS.threshold),
  };
  return Object.keys(fields).length > 0 ? { fields } : { settings };
}

export async function moderationSettingsRoutes(app: AppInstance): Promise<void> {
  const { db, clock } = app.deps;
  const publisher = requireRole('publisher');

  app.get(
    '/admin/moderation/settings',
    {
      preHandler: publisher,
      schema: { querystring: Type.Object({ saved: Type.Optional(Type.String({ maxLength: 5 })) }) },
    },
    async (request, reply) => {
      const settings = await getModerationSettings(db.kysely);
      const notice =
        request.query.saved === '1'
          ? request.i18n.t('modsettings.saved')
          : request.query.saved === '0'
            ? request.i18n.t('modsettings.unchanged')
            : null;
      return reply.page(
        { title: request.i18n.t('modsettings.title'), bodyClass: 'admin' },
        <SettingsPage
          role={viewerOf(request).role}
          values={formValues(settings)}
          csrfToken={reply.formToken()}
          notice={notice}
        />,
      );
    },
  );

  app.post(
    '/admin/moderation/settings',
    { preHandler: [publisher, app.csrfProtection], schema: { body: SettingsBody } },
    async (request, reply) => {
      const b = request.body;
      const values: SettingsFormValues = {
        premoderateAll: !!b.premoderateAll,
        newCommenterApprovals: b.newCommenterApprovals,
        maxLinks: b.maxLinks,
        suspectWords: b.suspectWords ?? '',
        bannedWords: b.bannedWords ?? '',
        profanity: b.profanity,
        reportThreshold: b.reportThreshold,
      };
      const parsed = parseSettingsForm(values);
      if ('fields' in parsed) {
        return reply.page(
          { title: request.i18n.t('modsettings.title'), bodyClass: 'admin' },
          <SettingsPage
            role={viewerOf(request).role}
            values={values}
            csrfToken={reply.formToken()}
            notice={null}
            error={request.i18n.t('modsettings.error_summary')}
            fields={parsed.fields}
          />,
          422,
        );
      }
      const changed = await saveModerationSettings(db.kysely, {
        actorId: viewerOf(request).id,
        settings: parsed.settings,
        now: clock.now(),
      });
      return reply.redirect(`/admin/moderation/settings?saved=${changed ? 1 : 0}`, 303);
    },
  );
}
