/**
 * API tokens: issued by the publisher with a name, scopes and an optional expiry; the secret is shown
 * once and only its SHA-256 is kept; revocable; the last use is recorded at most once a minute. Issuing
 * and revoking are audit-logged.
 *
 * A token acts as the publisher who issued it, narrowed to its scopes: the article, comment and funding
 * services check that account's role as they do for the admin pages. A token whose issuer is disabled or
 * no longer the publisher stops working at once.
 */
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { randomToken, sha256 } from '../../lib/crypto.js';
import { msg, type Text } from '../../lib/message.js';
import { iso } from '../../platform/clock.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { hasRole, type Viewer } from '../../platform/roles.js';
import { API_SCOPES, type ApiScope } from '../../web/token-guard.js';
import { findUserById } from '../accounts/index.js';
import {
  findApiTokenByHash,
  findApiTokenById,
  insertApiToken,
  listApiTokens,
  revokeApiTokenRow,
  touchApiToken,
  type ApiToken,
} from './api-token.repo.js';

export type { ApiToken };

/** Every secret starts with this, so a leaked one is recognisable (secret scanners, logs). */
export const SECRET_PREFIX = 'bs_';
/** 32 random bytes, base64url: 43 characters after the prefix. */
const SECRET_RE = /^bs_[A-Za-z0-9_-]{43}$/;
/** How many characters of the secret the token list shows. */
const SHOWN = 10;
/** The last use is recorded at most this often per token. */
const TOUCH_EVERY_MS = 60_000;
export const EXPIRY_DAYS = [7, 30, 90, 365] as const;

/** The issue form as posted. */
export interface TokenForm {
  name?: string;
  scopes?: string[];
  /** '' (never) or one of EXPIRY_DAYS. */
  expires?: string;
}

/** The token page: every token, newest first. */
export async function loadTokens(deps: Pick<Deps, 'db'>): Promise<ApiToken[]> {
  return listApiTokens(deps.db.kysely);
}

function parseTokenForm(form: TokenForm, now: Date): { name: string; scopes: ApiScope[]; expiresAt: string | null } {
  const fields: Record<string, Text> = {};
  const name = (form.name ?? '').replace(/\s+/g, ' ').trim();
  if (name === '' || name.length > 80) fields.name = msg('tokens.name_invalid');
  const scopes = API_SCOPES.filter((s) => (form.scopes ?? []).includes(s));
  if (scopes.length === 0 || scopes.length !== new Set(form.scopes).size) fields.scopes = msg('tokens.scopes_required');
  const days = form.expires ? Number(form.expires) : null;
  if (days !== null && !(EXPIRY_DAYS as readonly number[]).includes(days))
    fields.expires = msg('tokens.expiry_invalid');
  if (Object.keys(fields).length > 0)
    throw new AppError('API_TOKEN_INVALID_FORM', msg('tokens.form_invalid'), { fields });
  return { name, scopes, expiresAt: days === null ? null : iso(new Date(now.getTime() + days * 86_400_000)) };
}

/** Issues a token; returns it with its secret, which is never stored and cannot be shown again. */
export async function issueApiToken(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Viewer,
  form: TokenForm,
): Promise<{ token: ApiToken; secret: string }> {
  const now = deps.clock.now();
  const input = parseTokenForm(form, now);
  const secret = `${SECRET_PREFIX}${randomToken(32)}`;
  const token = await deps.db.kysely.transaction().execute(async (trx) => {
    const id = await insertApiToken(trx, {
      ...input,
      secretHash: sha256(secret),
      prefix: secret.slice(0, SHOWN),
      createdBy: actor.id,
      createdAt: iso(now),
    });
    await recordAudit(
      trx,
      {
        actorUserId: actor.id,
        action: 'api_token.issue',
        subjectType: 'api_token',
        subjectId: id,
        after: { name: input.name, scopes: input.scopes, expiresAt: input.expiresAt, prefix: secret.slice(0, SHOWN) },
      },
      now,
    );
    return (await findApiTokenById(trx, id))!;
  });
  return { token, secret };
}

/** Revokes a token: every later request with it answers 401 API_TOKEN_REVOKED. */
export async function revokeApiToken(deps: Pick<Deps, 'db' | 'clock'>, actor: Viewer, id: number): Promise<void> {
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const token = await findApiTokenById(trx, id);
    if (!token) throw new AppError('API_TOKEN_NOT_FOUND', msg('tokens.not_found'));
    if (!(await revokeApiTokenRow(trx, id, iso(now)))) return;
    await recordAudit(
      trx,
      {
        actorUserId: actor.id,
        action: 'api_token.revoke',
        subjectType: 'api_token',
        subjectId: id,
        before: { name: token.name, scopes: token.scopes, prefix: token.prefix },
      },
      now,
    );
  });
}

/** An accepted token: what it may do, and the account it acts as. */
export interface TokenAuth {
  tokenId: number;
  scopes: readonly ApiScope[];
  actor: Viewer;
}

/**
 * The token of an `Authorization` header, or the refusal (401) for a missing, unknown, revoked or expired
 * one. Session cookies are never looked at: a signed-in browser without a token is refused like anyone.
 */
export async function authenticateToken(
  deps: Pick<Deps, 'db' | 'clock'>,
  authorization: string | undefined,
): Promise<TokenAuth> {
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m) throw new AppError('API_TOKEN_MISSING', msg('api.token_missing'));
  const secret = m[1]!;
  if (!SECRET_RE.test(secret)) throw invalid();
  const token = await findApiTokenByHash(deps.db.kysely, sha256(secret));
  if (!token) throw invalid();
  const now = deps.clock.now();
  if (token.revokedAt !== null) throw new AppError('API_TOKEN_REVOKED', msg('api.token_revoked'));
  if (token.expiresAt !== null && token.expiresAt <= iso(now))
    throw new AppError('API_TOKEN_EXPIRED', msg('api.token_expired'));
  const issuer = await findUserById(deps.db.kysely, token.createdBy);
  if (!issuer || issuer.disabled || !hasRole(issuer.role, 'publisher')) throw invalid();
  if (token.lastUsedAt === null || Date.parse(token.lastUsedAt) <= now.getTime() - TOUCH_EVERY_MS)
    await touchApiToken(deps.db.kysely, token.id, iso(now), iso(new Date(now.getTime() - TOUCH_EVERY_MS)));
  return {
    tokenId: token.id,
    scopes: token.scopes,
    actor: { id: issuer.id, name: issuer.displayName, role: issuer.role },
  };
}

const invalid = (): AppError => new AppError('API_TOKEN_INVALID', msg('api.token_invalid'));

/** Refuses a token without the scope (403). */
export function assertScope(auth: TokenAuth, scope: ApiScope): void {
  if (!auth.scopes.includes(scope)) throw new AppError('API_SCOPE_MISSING', msg('api.scope_missing', { scope }));
}
