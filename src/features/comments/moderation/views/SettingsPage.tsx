import type { Message } from '../../../../lib/message.js';
import { useI18n } from '../../../../web/i18n-context.js';
import { LIMITS, type ModerationSettings, type ProfanityMode } from '../moderation.settings.js';
import { ModerationShell } from './ModerationShell.js';

/** What the form shows: the settings, or the publisher's rejected input as typed. */
export interface SettingsFormValues {
  premoderateAll: boolean;
  newCommenterApprovals: string;
  maxLinks: string;
  suspectWords: string;
  bannedWords: string;
  profanity: ProfanityMode;
  reportThreshold: string;
}

export const formValues = (s: ModerationSettings): SettingsFormValues => ({
  premoderateAll: s.premoderateAll,
  newCommenterApprovals: String(s.newCommenterApprovals),
  maxLinks: String(s.maxLinks),
  suspectWords: s.suspectWords.join('\n'),
  bannedWords: s.bannedWords.join('\n'),
  profanity: s.profanity,
  reportThreshold: String(s.reportThreshold),
});

const PROFANITY_LABELS: Record<ProfanityMode, string> = {
  off: 'modsettings.profanity_off',
  hold: 'modsettings.profanity_hold',
  mask: 'modsettings.profanity_mask',
};

function NumberField(p: {
  id: string;
  name: string;
  label: string;
  hint: string;
  value: string;
  min: number;
  max: number;
  error?: string;
}) {
  const described = [`${p.id}-hint`, p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      <input
        id={p.id}
        type="number"
        name={p.name}
        min={p.min}
        max={p.max}
        step={1}
        required
        value={p.value}
        inputMode="numeric"
        aria-describedby={described}
        aria-invalid={p.error ? 'true' : undefined}
      />
      <p class="hint" id={`${p.id}-hint`}>
        {p.hint}
      </p>
      {p.error && (
        <p class="field-error" id={`${p.id}-error`}>
          {p.error}
        </p>
      )}
    </div>
  );
}

function WordsField(p: { id: string; name: string; label: string; hint: string; value: string; error?: string }) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      <textarea
        id={p.id}
        name={p.name}
        rows={5}
        aria-describedby={`${p.id}-hint${p.error ? ` ${p.id}-error` : ''}`}
        aria-invalid={p.error ? 'true' : undefined}
      >
        {p.value}
      </textarea>
      <p class="hint" id={`${p.id}-hint`}>
        {p.hint}
      </p>
      {p.error && (
        <p class="field-error" id={`${p.id}-error`}>
          {p.error}
        </p>
      )}
    </div>
  );
}

export function SettingsPage(p: {
  role: string;
  values: SettingsFormValues;
  csrfToken: string;
  notice: string | null;
  error?: string;
  fields?: Record<string, Message>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const v = p.values;
  const f: Record<string, string> = Object.fromEntries(
    Object.entries(p.fields ?? {}).map(([name, m]) => [name, i18n.text(m)]),
  );
  return (
    <ModerationShell
      role={p.role}
      current="/admin/moderation/settings"
      title={t('modsettings.title')}
      notice={p.notice}
      error={p.error}
    >
      <p>{t('modsettings.intro')}</p>
      <form class="form" method="post" action="/admin/moderation/settings">
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <label class="choice">
          <input type="checkbox" name="premoderateAll" value="1" checked={v.premoderateAll} />{' '}
          {t('modsettings.premoderate_all')}
        </label>
        <NumberField
          id="s-approvals"
          name="newCommenterApprovals"
          label={t('modsettings.approvals_label')}
          min={0}
          max={LIMITS.approvals}
          hint={t('modsettings.approvals_hint')}
          value={v.newCommenterApprovals}
          error={f.newCommenterApprovals}
        />
        <NumberField
          id="s-links"
          name="maxLinks"
          label={t('modsettings.links_label')}
          min={0}
          max={LIMITS.links}
          hint={t('modsettings.links_hint')}
          value={v.maxLinks}
          error={f.maxLinks}
        />
        <WordsField
          id="s-suspect"
          name="suspectWords"
          label={t('modsettings.suspect_label')}
          value={v.suspectWords}
          error={f.suspectWords}
          hint={t('modsettings.suspect_hint', { max: LIMITS.words })}
        />
        <WordsField
          id="s-banned"
          name="bannedWords"
          label={t('modsettings.banned_label')}
          value={v.bannedWords}
          error={f.bannedWords}
          hint={t('modsettings.banned_hint')}
        />
        <fieldset class="field">
          <legend>{t('modsettings.profanity_legend')}</legend>
          {(Object.keys(PROFANITY_LABELS) as ProfanityMode[]).map((m) => (
            <label class="choice" for={`s-prof-${m}`}>
              <input type="radio" id={`s-prof-${m}`} name="profanity" value={m} checked={v.profanity === m} />{' '}
              {t(PROFANITY_LABELS[m])}
            </label>
          ))}
        </fieldset>
        <NumberField
          id="s-reports"
          name="reportThreshold"
          label={t('modsettings.reports_label')}
          min={1}
          max={LIMITS.threshold}
          hint={t('modsettings.reports_hint')}
          value={v.reportThreshold}
          error={f.reportThreshold}
        />
        <div class="form-actions">
          <button type="submit">{t('modsettings.save')}</button>
        </div>
      </form>
    </ModerationShell>
  );
}
