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
  off: 'Off: publish as written',
  hold: 'Hold for a moderator',
  mask: 'Mask: publish with the words starred out (f***)',
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
  fields?: Record<string, string>;
}) {
  const v = p.values;
  const f = p.fields ?? {};
  return (
    <ModerationShell
      role={p.role}
      current="/admin/moderation/settings"
      title="Moderation rules"
      notice={p.notice}
      error={p.error}
    >
      <p>
        Each new comment passes these rules in order: bans, banned words, profanity, staff, pre-moderation, suspect
        words, links, new commenters. The first rule that holds or refuses a comment decides.
      </p>
      <form class="form" method="post" action="/admin/moderation/settings">
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <label class="choice">
          <input type="checkbox" name="premoderateAll" value="1" checked={v.premoderateAll} /> Hold every comment for a
          moderator (staff excepted)
        </label>
        <NumberField
          id="s-approvals"
          name="newCommenterApprovals"
          label="Hold a new commenter until this many of their comments were approved"
          min={0}
          max={LIMITS.approvals}
          hint="0 turns this off. Guests are recognised by e-mail address, members by account."
          value={v.newCommenterApprovals}
          error={f.newCommenterApprovals}
        />
        <NumberField
          id="s-links"
          name="maxLinks"
          label="Hold a comment with more links than"
          min={0}
          max={LIMITS.links}
          hint="Spam usually carries several links."
          value={v.maxLinks}
          error={f.maxLinks}
        />
        <WordsField
          id="s-suspect"
          name="suspectWords"
          label="Suspect words (hold for a moderator)"
          value={v.suspectWords}
          error={f.suspectWords}
          hint={`One word or phrase per line, up to ${LIMITS.words}. Whole words only, any case: “ass” does not hold “classic”.`}
        />
        <WordsField
          id="s-banned"
          name="bannedWords"
          label="Banned words (refuse the comment)"
          value={v.bannedWords}
          error={f.bannedWords}
          hint="One word or phrase per line. The commenter is told which word to remove."
        />
        <fieldset class="field">
          <legend>Profanity filter (maintained English word list)</legend>
          {(Object.keys(PROFANITY_LABELS) as ProfanityMode[]).map((m) => (
            <label class="choice" for={`s-prof-${m}`}>
              <input type="radio" id={`s-prof-${m}`} name="profanity" value={m} checked={v.profanity === m} />{' '}
              {PROFANITY_LABELS[m]}
            </label>
          ))}
        </fieldset>
        <NumberField
          id="s-reports"
          name="reportThreshold"
          label="Take an approved comment back to the queue after this many readers report it"
          min={1}
          max={LIMITS.threshold}
          hint="Each reader counts once per comment."
          value={v.reportThreshold}
          error={f.reportThreshold}
        />
        <div class="form-actions">
          <button type="submit">Save rules</button>
        </div>
      </form>
    </ModerationShell>
  );
}
