/**
 * A real S3-compatible server on loopback for the object-storage tests: s3rver (a devDependency, so
 * `npm ci` brings it; files in a temporary folder), one bucket per test file, and an SDK client of the
 * test's own to look into the bucket independently of the app.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { MediaStorageConfig } from '../../src/config.js';

export interface S3TestServer {
  endpoint: string;
  bucket: string;
  /** MEDIA_STORAGE=s3 pointed at this server's bucket, under `prefix` ('' for the bucket's root). */
  storage(prefix?: string): Extract<MediaStorageConfig, { kind: 's3' }>;
  /** The same as environment variables (for app processes and the CLI). */
  env(prefix?: string): Record<string, string>;
  /** Every key in the bucket (under a prefix), listed by the test's own client. */
  keys(prefix?: string): Promise<string[]>;
  client: S3Client;
  close(): Promise<void>;
}

const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Why the server cannot start here, or null when it can (the package is a devDependency: `npm ci` installs it). */
export async function s3ServerMissing(): Promise<string | null> {
  try {
    await import('s3rver');
    return null;
  } catch (err) {
    return `s3rver is not installed (${(err as Error).message}); run npm ci`;
  }
}

export async function startS3Server(bucket = 'broadsheet-media'): Promise<S3TestServer> {
  const { default: S3rver } = await import('s3rver');
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  const storage = (prefix = '') => ({
    kind: 's3' as const,
    bucket,
    region: 'us-east-1',
    endpoint,
    credentials: CREDENTIALS,
    forcePathStyle: true,
    prefix: prefix ? `${prefix}/` : '',
  });
  return {
    endpoint,
    bucket,
    client,
    storage,
    env: (prefix = '') => ({
      MEDIA_STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      ...(prefix && { S3_PREFIX: prefix }),
    }),
    async keys(prefix = '') {
      const out: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
        out.push(...(page.Contents ?? []).map((o) => o.Key!));
        token = page.NextContinuationToken;
      } while (token);
      return out.sort();
    },
    async close() {
      client.destroy();
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
