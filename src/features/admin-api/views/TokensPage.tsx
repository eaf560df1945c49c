import type { AppError } from '../../../errors.js';
import { AdminNav } from '../../../web/components/AdminNav.js';
import { DateTime } from '../../../web/components/Meta.js';
import { ErrorSummary, SelectField, TextField, fieldErrors } from '../../../web/forms.js';
import { API_SCOPES, type ApiScope } from '../../../web/token-guard.js';
import type { ApiToken } from '../api-token.repo.js';
import { EXPIRY_DAYS } from '../api-token.service.js';

const SCOPE_HELP: Record<ApiScope, string> = {
  read_drafts: 'read_drafts: list and read articles in every status, drafts included',
  publish: 'publish: create, edit, publish and unpublish articles; upload images',
  moderate: 'moderate: the moderation queue, its actions, and bans',
  funding: 'funding: record offline gifts',
};

export interface TokenValues {
  name?: string;
  scopes?: string[];
  expires?: string;
}

function state(t: ApiToken, now: string): string {
  if (t.revokedAt) return 'Revoked';
  if (t.expiresAt && t.expiresAt <= now) return 'Expired';
  return 'Active';
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
  return (
    <div class="admin-page">
      <AdminNav role={p.role} current="/admin/tokens" />
      <h1>API tokens</h1>
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      {p.issued && (
        <section class="notice notice-ok" role="status" aria-labelledby="secret-heading">
          <h2 id="secret-heading">Token “{p.issued.name}” issued</h2>
          <p>Copy it now: it is shown only this once (the site keeps only a hash of it).</p>
          <label for="issued-secret">Token</label>
          <input id="issued-secret" class="snippet" type="text" readOnly value={p.issued.secret} />
        </section>
      )}
      <ErrorSummary error={p.error} labels={{ name: 'Name', scopes: 'Scopes', expires: 'Expires' }} />
      <p>
        Programs use the Admin API (<a href="/api/openapi.json">OpenAPI document</a>) with a token in the{' '}
        <code>Authorization: Bearer …</code> header. A token acts as the publisher who issued it, only within its
        scopes.
      </p>
      <section aria-labelledby="issue-heading" class="admin-section">
        <h2 id="issue-heading">Issue a token</h2>
        <form class="form" method="post" action="/admin/tokens">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <TextField
            name="name"
            label="Name"
            value={p.values.name}
            required
            maxLength={80}
            error={errors.name}
            hint="What uses it, e.g. “Newsletter sync”."
            autocomplete="off"
          />
          <fieldset class={errors.scopes ? 'field field-invalid' : 'field'}>
            <legend>Scopes</legend>
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
                {SCOPE_HELP[s]}
              </label>
            ))}
          </fieldset>
          <SelectField
            name="expires"
            label="Expires"
            value={p.values.expires ?? '90'}
            error={errors.expires}
            options={[
              ...EXPIRY_DAYS.map((d) => ({ value: String(d), label: `in ${d} days` })),
              { value: '', label: 'never (until revoked)' },
            ]}
          />
          <button type="submit">Issue token</button>
        </form>
      </section>
      <section aria-labelledby="tokens-heading" class="admin-section">
        <h2 id="tokens-heading">Tokens</h2>
        {p.tokens.length === 0 ? (
          <p>No token yet.</p>
        ) : (
          <div class="table-wrap">
            <table class="admin-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Token</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Issued</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Last used</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.tokens.map((t) => (
                  <tr>
                    <td>{t.name}</td>
                    <td>
                      <code>{t.prefix}…</code>
                    </td>
                    <td>{t.scopes.join(', ')}</td>
                    <td>
                      <DateTime iso={t.createdAt} /> by {t.createdByName ?? 'a former account'}
                    </td>
                    <td>{t.expiresAt ? <DateTime iso={t.expiresAt} withTime /> : 'never'}</td>
                    <td>{t.lastUsedAt ? <DateTime iso={t.lastUsedAt} withTime /> : 'never'}</td>
                    <td>{state(t, p.now)}</td>
                    <td>
                      {!t.revokedAt && (
                        <form method="post" action={`/admin/tokens/${t.id}/revoke`}>
                          <input type="hidden" name="_csrf" value={p.csrf} />
                          <button type="submit" class="button-danger">
                            Revoke<span class="visually-hidden"> {t.name}</span>
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
