import type { AppError } from '../../../errors.js';
import { AdminNav } from '../../../web/components/AdminNav.js';
import { DateTime } from '../../../web/components/Meta.js';
import { ErrorSummary, SelectField, TextField, fieldErrors } from '../../../web/forms.js';
import { API_SCOPES, type ApiScope } from '../../../web/token-guard.js';
import type { ApiToken } from '../api-token.repo.js';
import { EXPIRY_DAYS } from '../api-token.service.js';
import { useI18n } from '../../../web/i18n-context.js';

/** What each scope allows, as the issue form explains it. */
const SCOPE_HELP: Record<ApiScope, string> = {
  read_drafts: 'tokens.scope_read_drafts',
  publish: 'tokens.scope_publish',
  moderate: 'tokens.scope_moderate',
  funding: 'tokens.scope_funding',
};

export interface TokenValues {
  name?: string;
  scopes?: string[];
  expires?: string;
}

/** The key of a token's state. */
function state(t: ApiToken, now: string): string {
  if (t.revokedAt) return 'tokens.state_revoked';
  if (t.expiresAt && t.expiresAt <= now) return 'tokens.state_expired';
  return 'tokens.state_active';
}

/** /admin/tokens: issue a token (its secret shown once, right after), the list, revoking. */
export function TokensPage(p: {
  role: string;
  csrf: string;
  tokens: ApiToken[];
  now: string;
  values: TokenValues;
  /** The secret of the token just issued: on this answer only, never stored. */
  issued?: { name: string; secret: string };
  error?: AppError;
  notice?: string;
}) {
  const errors = fieldErrors(p.error);
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="admin-page">
      <AdminNav role={p.role} current="/admin/tokens" />
      <h1>{t('tokens.heading')}</h1>
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      {p.issued && (
        <section class="notice notice-ok" role="status" aria-labelledby="secret-heading">
          <h2 id="secret-heading">{t('tokens.issued_heading', { name: p.issued.name })}</h2>
          <p>{t('tokens.issued_copy')}</p>
          <label for="issued-secret">{t('tokens.issued_label')}</label>
          <input id="issued-secret" class="snippet" type="text" readOnly value={p.issued.secret} />
        </section>
      )}
      <ErrorSummary
        error={p.error}
        labels={{ name: t('tokens.name_label'), scopes: t('tokens.scopes_label'), expires: t('tokens.expires_label') }}
      />
      <p>
        {i18n.rich('tokens.intro', {
          link: (chunks: string[]) => <a href="/api/openapi.json">{chunks}</a>,
          code: (chunks: string[]) => <code>{chunks}</code>,
        })}
      </p>
      <section aria-labelledby="issue-heading" class="admin-section">
        <h2 id="issue-heading">{t('tokens.issue_heading')}</h2>
        <form class="form" method="post" action="/admin/tokens">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <TextField
            name="name"
            label={t('tokens.name_label')}
            value={p.values.name}
            required
            maxLength={80}
            error={errors.name}
            hint={t('tokens.name_hint')}
            autocomplete="off"
          />
          <fieldset class={errors.scopes ? 'field field-invalid' : 'field'}>
            <legend>{t('tokens.scopes_label')}</legend>
            {errors.scopes && <p class="field-error">{errors.scopes}</p>}
            {API_SCOPES.map((s) => (
              <label class="choice" for={`scope-${s}`}>
                <input
                  type="checkbox"
                  id={`scope-${s}`}
                  name="scopes"
                  value={s}
                  checked={p.values.scopes?.includes(s)}
                />{' '}
                {t(SCOPE_HELP[s])}
              </label>
            ))}
          </fieldset>
          <SelectField
            name="expires"
            label={t('tokens.expires_label')}
            value={p.values.expires ?? '90'}
            error={errors.expires}
            options={[
              ...EXPIRY_DAYS.map((d) => ({ value: String(d), label: t('tokens.expires_in_days', { days: d }) })),
              { value: '', label: t('tokens.expires_never') },
            ]}
          />
          <button type="submit">{t('tokens.issue_button')}</button>
        </form>
      </section>
      <section aria-labelledby="tokens-heading" class="admin-section">
        <h2 id="tokens-heading">{t('tokens.list_heading')}</h2>
        {p.tokens.length === 0 ? (
          <p>{t('tokens.list_empty')}</p>
        ) : (
          <div class="table-wrap">
            <table class="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('tokens.col_name')}</th>
                  <th scope="col">{t('tokens.col_token')}</th>
                  <th scope="col">{t('tokens.col_scopes')}</th>
                  <th scope="col">{t('tokens.col_issued')}</th>
                  <th scope="col">{t('tokens.col_expires')}</th>
                  <th scope="col">{t('tokens.col_last_used')}</th>
                  <th scope="col">{t('tokens.col_state')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('tokens.col_actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.tokens.map((tok) => (
                  <tr>
                    <td>{tok.name}</td>
                    <td>
                      <code>{tok.prefix}…</code>
                    </td>
                    <td>{tok.scopes.join(', ')}</td>
                    <td>
                      {i18n.rich(tok.createdByName ? 'tokens.issued_by' : 'tokens.issued_by_former', {
                        date: () => <DateTime iso={tok.createdAt} />,
                        name: tok.createdByName,
                      })}
                    </td>
                    <td>{tok.expiresAt ? <DateTime iso={tok.expiresAt} withTime /> : t('tokens.never')}</td>
                    <td>{tok.lastUsedAt ? <DateTime iso={tok.lastUsedAt} withTime /> : t('tokens.never')}</td>
                    <td>{t(state(tok, p.now))}</td>
                    <td>
                      {!tok.revokedAt && (
                        <form method="post" action={`/admin/tokens/${tok.id}/revoke`}>
                          <input type="hidden" name="_csrf" value={p.csrf} />
                          <button type="submit" class="button-danger">
                            {i18n.rich('tokens.revoke_button', {
                              name: tok.name,
                              hidden: (chunks: string[]) => <span class="visually-hidden">{chunks}</span>,
                            })}
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
