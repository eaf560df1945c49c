import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { canonicalTimeZone, DEFAULT_TIME_ZONE } from './lib/time-zone.js';
import { DEFAULT_LOCALE, isLocale, LOCALES } from './platform/i18n.js';

/** Typed, validated configuration. This module is the only reader of process.env. */
export interface Config {
  /** Port the HTTP server listens on. */
  port: number;
  /** Interface the HTTP server binds to. */
  host: string;
  /** Public base URL of the site, without a trailing slash; used in feeds, mails and canonical links. */
  siteUrl: string;
  /** Name of the publication, shown in the header and the "Support" calls to action. */
  siteName: string;
  /** IANA time zone (SITE_TIME_ZONE, default UTC) dates are shown in until the publisher picks one in /admin/site. */
  siteTimeZone: string;
  /** Language (SITE_LOCALE: en, fr or ar; default en) of pages, feeds and mails until the publisher picks one in /admin/site. */
  siteLocale: string;
  /** PostgreSQL connection string; when absent the embedded SQLite file under dataDir is used. */
  databaseUrl: string | undefined;
  /** Folder for the SQLite file, uploaded images and the development mail folder. */
  dataDir: string;
  /** Secret for signing cookies, tokens and hashing IPs. Random per process when not set (development). */
  secretKey: string;
  /** True when SECRET_KEY was not configured, so the console can warn about it. */
  secretKeyIsEphemeral: boolean;
  /** Pino log level. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Seed demo content when the database is empty. */
  seedDemo: boolean;
  /** Addresses of reverse proxies whose X-Forwarded-For header is trusted (comma-separated IPs/CIDRs). */
  trustedProxies: string[];
  /** Whether cookies get the Secure flag (true when SITE_URL is https). */
  secureCookies: boolean;
  /** SMTP connection URL (smtp://user:pass@host:port); without it mail goes to a folder under dataDir. */
  smtpUrl: string | undefined;
  /** Sender address of outgoing mail. */
  mailFrom: string;
  /** Stripe secret API key; without it online giving is shown as not set up. */
  stripeSecretKey: string | undefined;
  /** Stripe webhook signing secret (whsec_…). */
  stripeWebhookSecret: string | undefined;
  /** Stripe API base URL, for tests against a Stripe-compatible server on loopback. */
  stripeApiBase: string | undefined;
  /** Requests per minute per client IP for state-changing routes that set no limit of their own. */
  writeRateLimit: number;
  /** Requests per minute per API token on the Admin API (/api/v1/admin). */
  apiTokenRateLimit: number;
  /** SQLite: how long a write waits for another process's lock before answering 503 (milliseconds). */
  sqliteBusyTimeoutMs: number;
  /** Largest media archive (wp-content/uploads as zip or tar) the admin import accepts, and the most it may unpack to (bytes; IMPORT_MEDIA_MAX_MB). */
  importMediaMaxBytes: number;
  /** Bearer token for /metrics; without it only loopback clients may read metrics. */
  metricsToken: string | undefined;
  /** App processes `npm start` runs (cluster workers sharing the port); 1 = this process serves alone. */
  workers: number;
  /** Public pages: how long shared caches (a CDN, nginx) and this process keep one, in seconds; 0 = not cacheable. */
  pageCacheSeconds: number;
  /** Public pages: how long a shared cache may serve a stale copy while it refetches (stale-while-revalidate). */
  pageStaleSeconds: number;
  /** Public pages kept in this process's memory (0 turns the in-process cache off). */
  pageCacheEntries: number;
  /** Upper bound of that memory, in bytes (PAGE_CACHE_MB). */
  pageCacheBytes: number;
  /** Live streams (GET /live) this process keeps open at most; beyond it a new one answers 503 (LIVE_MAX_STREAMS). */
  liveMaxStreams: number;
  /** Live streams one client network (an IPv4 address, an IPv6 /64) may hold open in this process; beyond it 429. */
  liveMaxStreamsPerNetwork: number;
  /** How long live events are kept for `Last-Event-ID` replay, in minutes (LIVE_REPLAY_MINUTES). */
  liveReplayMinutes: number;
  /** How many live events are kept for replay at most, whatever their age (LIVE_REPLAY_EVENTS). */
  liveReplayEvents: number;
  /** Where image files live: the local disk under DATA_DIR (the default) or an S3-compatible bucket (MEDIA_STORAGE=s3). */
  mediaStorage: MediaStorageConfig;
  /** Environment name. */
  env: 'development' | 'production' | 'test';
}

/** MEDIA_STORAGE and, for `s3`, the bucket's S3_* settings. */
export type MediaStorageConfig =
  | { kind: 'local' }
  | {
      kind: 's3';
      /** S3_BUCKET: the bucket image files are written to (it must exist). */
      bucket: string;
      /** S3_REGION (default us-east-1; most S3-compatible servers accept any). */
      region: string;
      /** S3_ENDPOINT: an S3-compatible server's URL; absent for Amazon S3 itself. */
      endpoint: string | undefined;
      /** S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY; absent = the SDK's own chain (instance role, AWS_* variables). */
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
      /** S3_FORCE_PATH_STYLE: `endpoint/bucket/key` addresses (most S3-compatible servers); default true with an endpoint. */
      forcePathStyle: boolean;
      /** S3_PREFIX: a folder in the bucket every key is put under (`site-a/`), or '' for the bucket's root. */
      prefix: string;
    };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads and validates configuration; collects every problem so the operator sees them all at once. */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const str = (name: string) => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };

  const port = parsePort(str('PORT') ?? '3000', problems);
  const host = str('HOST') ?? '127.0.0.1';
  const siteUrlRaw = str('SITE_URL') ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  let siteUrl = siteUrlRaw.replace(/\/+$/, '');
  try {
    const u = new URL(siteUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      problems.push(`SITE_URL must be an http(s) URL, got "${siteUrlRaw}"`);
    // Feeds, mails and canonical links append paths to it: a query or fragment would end up inside them.
    else if (u.search || u.hash) problems.push(`SITE_URL must not have a query or fragment, got "${siteUrlRaw}"`);
  } catch {
    problems.push(`SITE_URL is not a valid URL: "${siteUrlRaw}"`);
    siteUrl = 'http://127.0.0.1:3000';
  }

  const databaseUrl = str('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(
      'DATABASE_URL must start with postgres:// or postgresql:// (leave it unset for the embedded SQLite file)',
    );
  }

  const secret = str('SECRET_KEY');
  if (secret !== undefined && secret.length < 32) problems.push('SECRET_KEY must be at least 32 characters long');

  const logLevel = (str('LOG_LEVEL') ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);

  const nodeEnv = str('NODE_ENV') ?? 'development';
  const envName: Config['env'] = nodeEnv === 'production' ? 'production' : nodeEnv === 'test' ? 'test' : 'development';
  // "prod" silently meaning development would skip the production checks below.
  if (!['production', 'development', 'test'].includes(nodeEnv))
    problems.push(`NODE_ENV must be production, development or test, got "${nodeEnv}"`);
  if (envName === 'production' && secret === undefined)
    problems.push('SECRET_KEY is required when NODE_ENV=production');

  const seedDemo = parseBool(str('SEED_DEMO') ?? 'true', 'SEED_DEMO', problems);
  const trustedProxies = (str('TRUSTED_PROXIES') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const badProxies = trustedProxies.filter((p) => !isAddressOrCidr(p));
  if (badProxies.length > 0)
    problems.push(
      `TRUSTED_PROXIES must list IP addresses or CIDR ranges (e.g. 10.0.0.1, 10.0.0.0/8), got "${badProxies.join(', ')}"`,
    );

  const writeRateLimit = Number(str('WRITE_RATE_LIMIT') ?? '60');
  if (!Number.isInteger(writeRateLimit) || writeRateLimit < 1)
    problems.push('WRITE_RATE_LIMIT must be a whole number of requests per minute, at least 1');

  const apiTokenRateLimit = Number(str('API_TOKEN_RATE_LIMIT') ?? '120');
  if (!Number.isInteger(apiTokenRateLimit) || apiTokenRateLimit < 1)
    problems.push('API_TOKEN_RATE_LIMIT must be a whole number of requests per minute, at least 1');

  const sqliteBusyTimeoutMs = Number(str('SQLITE_BUSY_TIMEOUT_MS') ?? '5000');
  if (!Number.isInteger(sqliteBusyTimeoutMs) || sqliteBusyTimeoutMs < 0 || sqliteBusyTimeoutMs > 600_000)
    problems.push('SQLITE_BUSY_TIMEOUT_MS must be a whole number of milliseconds between 0 and 600000');

  const wholeNumber = (name: string, fallback: number, max: number): number => {
    const raw = str(name) ?? String(fallback);
    const n = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n > max) {
      problems.push(`${name} must be a whole number between 0 and ${max}, got "${raw}"`);
      return fallback;
    }
    return n;
  };
  const workers = wholeNumber('WORKERS', availableParallelism(), 256);
  if (workers < 1) problems.push('WORKERS must be at least 1');
  const pageCacheSeconds = wholeNumber('PAGE_CACHE_SECONDS', 10, 86_400);
  const pageStaleSeconds = wholeNumber('PAGE_STALE_SECONDS', 60, 86_400);
  const pageCacheEntries = wholeNumber('PAGE_CACHE_ENTRIES', 500, 1_000_000);
  const pageCacheMb = wholeNumber('PAGE_CACHE_MB', 64, 65_536);
  const liveMaxStreams = wholeNumber('LIVE_MAX_STREAMS', 10_000, 1_000_000);
  const liveMaxStreamsPerNetwork = wholeNumber('LIVE_MAX_STREAMS_PER_NETWORK', 20, 1_000_000);
  const liveReplayMinutes = wholeNumber('LIVE_REPLAY_MINUTES', 15, 10_080);
  const liveReplayEvents = wholeNumber('LIVE_REPLAY_EVENTS', 10_000, 10_000_000);
  const importMediaMaxMb = Number(str('IMPORT_MEDIA_MAX_MB') ?? '2048');
  if (!Number.isInteger(importMediaMaxMb) || importMediaMaxMb < 1 || importMediaMaxMb > 1_048_576)
    problems.push('IMPORT_MEDIA_MAX_MB must be a whole number of megabytes between 1 and 1048576');

  const smtpUrl = str('SMTP_URL');
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push('SMTP_URL must start with smtp:// or smtps://');

  const stripeApiBase = str('STRIPE_API_BASE');
  if (stripeApiBase) {
    try {
      new URL(stripeApiBase);
    } catch {
      problems.push(`STRIPE_API_BASE is not a valid URL: "${stripeApiBase}"`);
    }
  }

  const rawZone = str('SITE_TIME_ZONE');
  const siteTimeZone = rawZone === undefined ? DEFAULT_TIME_ZONE : canonicalTimeZone(rawZone);
  if (siteTimeZone === null)
    problems.push(`SITE_TIME_ZONE must be an IANA time zone name such as Europe/Berlin or UTC, got "${rawZone}"`);

  const siteLocale = str('SITE_LOCALE') ?? DEFAULT_LOCALE;
  if (!isLocale(siteLocale))
    problems.push(`SITE_LOCALE must be one of ${LOCALES.map((l) => l.code).join(', ')}, got "${siteLocale}"`);

  const mediaStorage = parseMediaStorage(str, problems);

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    port,
    host,
    siteUrl,
    siteName: str('SITE_NAME') ?? 'The Broadsheet',
    siteTimeZone: siteTimeZone ?? DEFAULT_TIME_ZONE,
    siteLocale,
    databaseUrl,
    dataDir: path.resolve(str('DATA_DIR') ?? 'data'),
    secretKey: secret ?? randomBytes(32).toString('hex'),
    secretKeyIsEphemeral: secret === undefined,
    logLevel,
    seedDemo,
    trustedProxies,
    secureCookies: siteUrl.startsWith('https:'),
    smtpUrl,
    mailFrom: str('MAIL_FROM') ?? `Broadsheet <no-reply@${safeHostname(siteUrl)}>`,
    stripeSecretKey: str('STRIPE_SECRET_KEY'),
    stripeWebhookSecret: str('STRIPE_WEBHOOK_SECRET'),
    stripeApiBase,
    writeRateLimit,
    apiTokenRateLimit,
    sqliteBusyTimeoutMs,
    importMediaMaxBytes: importMediaMaxMb * 1024 * 1024,
    metricsToken: str('METRICS_TOKEN'),
    workers: Math.max(1, workers),
    pageCacheSeconds,
    pageStaleSeconds,
    pageCacheEntries,
    pageCacheBytes: pageCacheMb * 1024 * 1024,
    liveMaxStreams,
    liveMaxStreamsPerNetwork,
    liveReplayMinutes,
    liveReplayEvents,
    mediaStorage,
    env: envName,
    ...overrides,
  };
}

/** MEDIA_STORAGE=local|s3 and the S3_* variables; every problem is reported, none guessed around. */
function parseMediaStorage(str: (name: string) => string | undefined, problems: string[]): MediaStorageConfig {
  const kind = (str('MEDIA_STORAGE') ?? 'local').toLowerCase();
  if (kind === 'local') return { kind: 'local' };
  if (kind !== 's3') {
    problems.push(`MEDIA_STORAGE must be local or s3, got "${kind}"`);
    return { kind: 'local' };
  }
  const bucket = str('S3_BUCKET') ?? '';
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    problems.push(
      bucket === ''
        ? 'S3_BUCKET is required when MEDIA_STORAGE=s3'
        : `S3_BUCKET must be a bucket name (3–63 lowercase letters, digits, dots, hyphens), got "${bucket}"`,
    );
  const endpoint = str('S3_ENDPOINT');
  if (endpoint !== undefined) {
    let ok = false;
    try {
      const u = new URL(endpoint);
      ok = (u.protocol === 'http:' || u.protocol === 'https:') && u.pathname === '/' && !u.search;
    } catch {
      /* reported below */
    }
    if (!ok)
      problems.push(
        `S3_ENDPOINT must be an http(s) URL without a path (e.g. http://127.0.0.1:9000), got "${endpoint}"`,
      );
  }
  const accessKeyId = str('S3_ACCESS_KEY_ID');
  const secretAccessKey = str('S3_SECRET_ACCESS_KEY');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined))
    problems.push(
      'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither (the SDK then finds credentials itself)',
    );
  const pathStyle = str('S3_FORCE_PATH_STYLE');
  const forcePathStyle =
    pathStyle === undefined ? endpoint !== undefined : parseBool(pathStyle, 'S3_FORCE_PATH_STYLE', problems);
  const rawPrefix = str('S3_PREFIX') ?? '';
  const prefix = rawPrefix.replace(/^\/+|\/+$/g, '');
  if (prefix !== '' && !/^[\w.-]+(\/[\w.-]+)*$/.test(prefix))
    problems.push(
      `S3_PREFIX must be a folder name such as site-a or media/site-a (letters, digits, . _ -), got "${rawPrefix}"`,
    );
  return {
    kind: 's3',
    bucket,
    region: str('S3_REGION') ?? 'us-east-1',
    endpoint: endpoint?.replace(/\/+$/, ''),
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    forcePathStyle,
    prefix: prefix === '' ? '' : `${prefix}/`,
  };
}

/** "10.0.0.1", "::1", "10.0.0.0/8", "fd00::/8". */
function isAddressOrCidr(s: string): boolean {
  const [addr, bits, extra] = s.split('/');
  const kind = isIP(addr ?? '');
  if (kind === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (kind === 4 ? 32 : 128);
}

function parsePort(raw: string, problems: string[]): number {
  const n = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    problems.push(`PORT must be a whole number between 1 and 65535, got "${raw}"`);
    return 3000;
  }
  return n;
}

function parseBool(raw: string, name: string, problems: string[]): boolean {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  problems.push(`${name} must be true or false, got "${raw}"`);
  return false;
}

function safeHostname(url: string): string {
  try {
    return new URL(url).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}
