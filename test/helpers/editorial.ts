/** Helpers for the editorial tests: signed-in form sessions, sections, real image files, multipart bodies. */
import sharp from 'sharp';
import type { LightMyRequestResponse } from 'fastify';
import type { AppInstance } from '../../src/app.js';
import { openDb } from '../../src/db/dialect.js';
import { createTestApp, type TestApp, type TestAppOptions } from './build-test-app.js';
import { formSession, type FormSession } from './forms.js';
import { makeUser } from './factories.js';
import type { Role } from '../../src/features/accounts/user.table.js';
import { SESSION_COOKIE, signIn } from '../../src/features/accounts/account.service.js';

export type Staff = Awaited<ReturnType<typeof makeUser>> & { role: Role };

/**
 * A browser-like session signed in as `user`, holding a CSRF token from `page`. The session is opened
 * by the real signIn service and carried in the real signed cookie; it skips the /login form, whose
 * rate limit (tested in accounts.test.ts) would otherwise throttle a test that signs in many times.
 */
export async function signedIn(
  app: AppInstance,
  user: { email: string; password: string },
  page = '/admin',
): Promise<FormSession> {
  const { token } = await signIn(app.deps.db.kysely, {
    email: user.email,
    password: user.password,
    now: app.deps.clock.now(),
  });
  const s = await formSession(app);
  s.cookies.set(SESSION_COOKIE, app.signCookie(token));
  const res = await s.get(page);
  if (res.statusCode >= 300 && res.statusCode !== 403) throw new Error(`opening ${page} failed: ${res.statusCode}`);
  return s;
}

export async function makeStaff(t: TestApp, role: Role, name?: string): Promise<Staff> {
  return { ...(await makeUser(t.deps.db.kysely, { role, name })), role };
}

export async function makeSection(t: TestApp, slug = 'news', name = 'News'): Promise<number> {
  const row = await t.deps.db.kysely
    .insertInto('sections')
    .values({ slug, name, position: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A real photograph-like JPEG: smooth gradients with noise (which compresses like a photo), a camera's
 * EXIF orientation (6: rotate 90° to display) and a GPS position that must never reach the public files.
 */
export async function photoJpeg(width = 2400, height = 1600, orientation = 6): Promise<Buffer> {
  const channels = 3;
  const raw = Buffer.alloc(width * height * channels);
  let seed = 7;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const noise = (seed >> 16) % 24;
      const i = (y * width + x) * channels;
      raw[i] = Math.min(255, Math.round((x / width) * 200) + noise);
      raw[i + 1] = Math.min(255, Math.round((y / height) * 180) + noise);
      raw[i + 2] = Math.min(255, 90 + Math.round(Math.sin(x / 97 + y / 53) * 60) + noise);
    }
  }
  return sharp(raw, { raw: { width, height, channels } })
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Broadsheet 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '38/1 42/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '9/1 8/1 0/1' },
    })
    .withMetadata({ orientation })
    .jpeg({ quality: 88 })
    .toBuffer();
}

/** A multipart/form-data body with fields and one file, as a browser sends it. */
export function multipart(
  fields: Record<string, string>,
  file?: { name: string; type: string; data: Buffer },
): { payload: Buffer; contentType: string } {
  const boundary = `----broadsheet${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
    );
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts an upload form through a signed-in session. */
export async function upload(
  app: AppInstance,
  s: FormSession,
  fields: Record<string, string>,
  file?: { name: string; type: string; data: Buffer },
): Promise<LightMyRequestResponse> {
  const { payload, contentType } = multipart({ _csrf: s.csrf ?? '', ...fields }, file);
  return app.inject({
    method: 'POST',
    url: '/admin/images',
    payload,
    headers: { 'content-type': contentType, cookie: s.cookieHeader() },
  });
}

/** Text of the first element with this id (for field error messages). */
export function fieldError(html: string, name: string): string | undefined {
  const m = new RegExp(`id="field-${name}-error">([^<]*)<`).exec(html);
  return m?.[1];
}

export const countRows = async (
  t: TestApp,
  table: 'articles' | 'images' | 'corrections' | 'audit_log' | 'outbox' | 'users' | 'article_slugs',
): Promise<number> => {
  const { n } = await t.deps.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
};

/**
 * A second app "process" on the same database, as when several app processes run behind a proxy. On
 * PostgreSQL it gets its own connection pool, so the two really race inside the database. On SQLite it
 * shares the first one's connection: two better-sqlite3 handles in one thread cannot both hold
 * transactions (the second's busy-wait blocks the thread the first needs to finish), whereas separate
 * OS processes could. Their work still interleaves at every await, which is what the claims must survive.
 */
export async function secondProcess(t: TestApp, opts: { clock?: TestAppOptions['clock'] } = {}): Promise<TestApp> {
  if (t.deps.db.dialect === 'sqlite') return createTestApp('sqlite', { testDb: t.testDb, clock: opts.clock });
  const db = await openDb({ databaseUrl: t.testDb.url, sqliteFile: '', poolSize: 5 });
  const other = await createTestApp('postgres', { testDb: { ...t.testDb, db }, clock: opts.clock });
  return {
    ...other,
    close: async () => {
      await other.close();
      await db.close();
    },
  };
}
