/**
 * The media store's contract, run against both implementations: the local disk (DATA_DIR) and an
 * S3-compatible bucket (s3rver on loopback). Whatever the images feature, the importer, export/restore and
 * /media/ rely on is stated here once, so a third store would be checked by adding one line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createLocalMediaStore, RangeNotSatisfiable, type MediaStore } from '../../src/platform/media-store.js';
import { createS3MediaStore } from '../../src/platform/s3-media-store.js';
import { s3ServerMissing, startS3Server, type S3TestServer } from '../helpers/s3-server.js';

const missing = await s3ServerMissing();
if (missing) console.warn(`media store contract on S3 skipped: ${missing}`);

const read = async (store: MediaStore, key: string, range?: { start: number; end?: number }) => {
  const o = await store.get(key, range);
  if (!o) return null;
  const chunks: Buffer[] = [];
  for await (const c of o.body) chunks.push(c as Buffer);
  return { ...o, bytes: Buffer.concat(chunks) };
};
const listed = async (store: MediaStore, prefix: string) => {
  const out: Array<{ key: string; size: number }> = [];
  for await (const o of store.list(prefix)) out.push(o);
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
};

const KINDS = [
  { name: 'the local disk', skip: false },
  { name: 'an S3-compatible bucket', skip: missing !== null },
];

for (const kind of KINDS) {
  describe.skipIf(kind.skip)(`the media store on ${kind.name}`, () => {
    let store: MediaStore;
    let dir: string;
    let s3: S3TestServer | undefined;
    const webp = Buffer.from('RIFF....WEBPVP8 0123456789abcdef');

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-store-'));
      if (kind.name === 'the local disk') store = createLocalMediaStore(dir);
      else {
        s3 = await startS3Server();
        store = createS3MediaStore(s3.storage('site-a'));
      }
      await store.check();
    });
    afterAll(async () => {
      store.close();
      await s3?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('gives back what was put, with its size, a quoted ETag and a type from its name', async () => {
      await store.put('media/2026-06-abc/640.webp', webp);
      const got = (await read(store, 'media/2026-06-abc/640.webp'))!;
      expect(got.bytes.equals(webp)).toBe(true);
      expect(got).toMatchObject({ key: 'media/2026-06-abc/640.webp', size: webp.length, contentType: 'image/webp' });
      expect(got.etag).toMatch(/^"[^"]+"$/);
      const head = (await store.head('media/2026-06-abc/640.webp'))!;
      expect(head).toMatchObject({ size: webp.length, etag: got.etag, contentType: 'image/webp' });
      expect(head.lastModified.getTime()).toBeGreaterThan(Date.parse('2020-01-01'));
    });

    it('replaces an object put again under the same key', async () => {
      await store.put('originals/2026-06-abc.jpg', Buffer.from('first'));
      await store.put('originals/2026-06-abc.jpg', Buffer.from('second, longer'));
      expect((await read(store, 'originals/2026-06-abc.jpg'))!.bytes.toString()).toBe('second, longer');
      expect((await store.head('originals/2026-06-abc.jpg'))!.contentType).toBe('image/jpeg');
    });

    it('reads a byte range, to the end when open, and refuses one past the end', async () => {
      const part = (await read(store, 'media/2026-06-abc/640.webp', { start: 4, end: 7 }))!;
      expect(part.bytes.toString()).toBe('....');
      expect(part.range).toEqual({ start: 4, end: 7 });
      expect(part.size).toBe(webp.length);
      const tail = (await read(store, 'media/2026-06-abc/640.webp', { start: webp.length - 4 }))!;
      expect(tail.bytes.toString()).toBe('cdef');
      expect(tail.range).toEqual({ start: webp.length - 4, end: webp.length - 1 });
      await expect(store.get('media/2026-06-abc/640.webp', { start: webp.length + 10 })).rejects.toBeInstanceOf(
        RangeNotSatisfiable,
      );
    });

    it('answers null for a key that is not there, and refuses keys that could leave the store', async () => {
      expect(await store.get('media/nothing/here.webp')).toBeNull();
      expect(await store.head('media/nothing/here.webp')).toBeNull();
      for (const bad of ['media/../../etc/passwd', '/media/x.webp', 'media//x.webp', 'media/a\\b.webp'])
        await expect(store.get(bad), bad).rejects.toThrow(/not a media key/);
    });

    it('lists by prefix (a folder, or the start of a file name) and deletes, quietly for absent keys', async () => {
      await store.put('media/2026-06-abc/320.webp', webp);
      await store.put('media/2026-06-abd/320.webp', webp);
      await store.put('originals/2026-06-abd.png', webp);
      expect((await listed(store, 'media/2026-06-abc/')).map((o) => o.key)).toEqual([
        'media/2026-06-abc/320.webp',
        'media/2026-06-abc/640.webp',
      ]);
      expect(await listed(store, 'originals/2026-06-abc.')).toEqual([
        { key: 'originals/2026-06-abc.jpg', size: 'second, longer'.length },
      ]);
      expect((await listed(store, 'media/')).length).toBe(3);
      await store.delete(['media/2026-06-abc/320.webp', 'media/2026-06-abc/640.webp', 'media/never/was.webp']);
      expect(await listed(store, 'media/2026-06-abc/')).toEqual([]);
      expect((await listed(store, 'media/')).map((o) => o.key)).toEqual(['media/2026-06-abd/320.webp']);
      await store.delete([]);
    });

    if (kind.name === 'the local disk')
      it('keeps the layout of earlier versions under DATA_DIR, removing an emptied image folder', () => {
        expect(fs.existsSync(path.join(dir, 'media', '2026-06-abd', '320.webp'))).toBe(true);
        expect(fs.existsSync(path.join(dir, 'originals', '2026-06-abd.png'))).toBe(true);
        expect(fs.existsSync(path.join(dir, 'media', '2026-06-abc'))).toBe(false);
      });
    else
      it('puts every key under S3_PREFIX in the bucket, with the type set on the object', async () => {
        expect(await s3!.keys()).toEqual([
          'site-a/media/2026-06-abd/320.webp',
          'site-a/originals/2026-06-abc.jpg',
          'site-a/originals/2026-06-abd.png',
        ]);
      });
  });
}

describe.skipIf(missing !== null)('starting against a bucket that is not there', () => {
  it('says which bucket at which endpoint, and why', async () => {
    const s3 = await startS3Server('present');
    const store = createS3MediaStore({ ...s3.storage(), bucket: 'absent' });
    try {
      await expect(store.check()).rejects.toThrow(
        `bucket "absent" at ${s3.endpoint} cannot be used: it does not exist`,
      );
    } finally {
      store.close();
      await s3.close();
    }
  });
});

describe('MEDIA_STORAGE configuration', () => {
  it('keeps media on the local disk unless told otherwise', () => {
    expect(loadConfig({}).mediaStorage).toEqual({ kind: 'local' });
  });

  it('reads the bucket, endpoint, credentials, path style and prefix for s3', () => {
    expect(
      loadConfig({
        MEDIA_STORAGE: 's3',
        S3_BUCKET: 'news-media',
        S3_ENDPOINT: 'http://127.0.0.1:9000/',
        S3_ACCESS_KEY_ID: 'key',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_PREFIX: '/site-a/',
      }).mediaStorage,
    ).toEqual({
      kind: 's3',
      bucket: 'news-media',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9000',
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
      forcePathStyle: true,
      prefix: 'site-a/',
    });
    // Amazon S3 itself: no endpoint, virtual-host addresses, the SDK's own credentials (an instance role).
    expect(
      loadConfig({ MEDIA_STORAGE: 's3', S3_BUCKET: 'news-media', S3_REGION: 'eu-central-1' }).mediaStorage,
    ).toEqual({
      kind: 's3',
      bucket: 'news-media',
      region: 'eu-central-1',
      endpoint: undefined,
      credentials: undefined,
      forcePathStyle: false,
      prefix: '',
    });
  });

  it('names every problem at start', () => {
    let problems: string[] = [];
    try {
      loadConfig({
        MEDIA_STORAGE: 's3',
        S3_ENDPOINT: 'localhost:9000',
        S3_ACCESS_KEY_ID: 'key',
        S3_FORCE_PATH_STYLE: 'maybe',
        S3_PREFIX: 'a b',
      });
    } catch (err) {
      problems = (err as ConfigError).problems;
    }
    expect(problems.join('\n')).toMatch(/S3_BUCKET is required when MEDIA_STORAGE=s3/);
    expect(problems.join('\n')).toMatch(/S3_ENDPOINT must be an http\(s\) URL/);
    expect(problems.join('\n')).toMatch(/S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together/);
    expect(problems.join('\n')).toMatch(/S3_FORCE_PATH_STYLE must be true or false/);
    expect(problems.join('\n')).toMatch(/S3_PREFIX must be a folder name/);
    expect(() => loadConfig({ MEDIA_STORAGE: 'ftp' })).toThrow(/MEDIA_STORAGE must be local or s3, got "ftp"/);
  });
});
