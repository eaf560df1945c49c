/**
 * Image files in an S3-compatible bucket (MEDIA_STORAGE=s3): Amazon S3, or any server that speaks its API
 * (MinIO, Garage, Ceph, R2 …) at S3_ENDPOINT, usually with path-style addresses. Every app process that
 * shares the bucket serves every file, whichever process wrote it.
 *
 * Checksums are computed only where the API requires them: recent SDKs otherwise add CRC32 trailers that
 * many S3-compatible servers refuse, and the bytes are checked by the image pipeline anyway.
 */
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { MediaStorageConfig } from '../config.js';
import { contentTypeOf, keySegments, RangeNotSatisfiable, type MediaStore, type StoredInfo } from './media-store.js';

type S3Config = Extract<MediaStorageConfig, { kind: 's3' }>;

/** The API deletes at most this many keys per call. */
const DELETE_BATCH = 1000;

const statusOf = (err: unknown): number | undefined =>
  err instanceof S3ServiceException
    ? err.$metadata.httpStatusCode
    : (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;

export function createS3MediaStore(cfg: S3Config): MediaStore {
  const client = new S3Client({
    region: cfg.region,
    endpoint: cfg.endpoint,
    forcePathStyle: cfg.forcePathStyle,
    credentials: cfg.credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = cfg.bucket;
  const objectKey = (key: string) => cfg.prefix + keySegments(key).join('/');
  const info = (
    key: string,
    o: { ContentLength?: number; ETag?: string; LastModified?: Date },
    size = o.ContentLength ?? 0,
  ): StoredInfo => ({
    key,
    size,
    etag: o.ETag ?? `"${size}"`,
    lastModified: o.LastModified ?? new Date(0),
    contentType: contentTypeOf(key),
  });

  return {
    kind: 's3',
    location: `s3://${Bucket}/${cfg.prefix}`,
    async put(key, body) {
      await client.send(
        new PutObjectCommand({ Bucket, Key: objectKey(key), Body: body, ContentType: contentTypeOf(key) }),
      );
    },
    async get(key, range) {
      let out;
      try {
        out = await client.send(
          new GetObjectCommand({
            Bucket,
            Key: objectKey(key),
            Range: range ? `bytes=${range.start}-${range.end ?? ''}` : undefined,
          }),
        );
      } catch (err) {
        const status = statusOf(err);
        if (status === 404) return null;
        if (status === 416) {
          const head = await this.head(key);
          if (!head) return null;
          throw new RangeNotSatisfiable(head.size);
        }
        throw err;
      }
      // Content-Range: bytes 0-99/1234 when a range was read.
      const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(out.ContentRange ?? '');
      const body = out.Body as Readable;
      return m
        ? { ...info(key, out, Number(m[3])), body, range: { start: Number(m[1]), end: Number(m[2]) } }
        : { ...info(key, out), body };
    },
    async head(key) {
      try {
        return info(key, await client.send(new HeadObjectCommand({ Bucket, Key: objectKey(key) })));
      } catch (err) {
        if (statusOf(err) === 404) return null;
        throw err;
      }
    },
    async delete(keys) {
      for (let i = 0; i < keys.length; i += DELETE_BATCH) {
        const Objects = keys.slice(i, i + DELETE_BATCH).map((k) => ({ Key: objectKey(k) }));
        const out = await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects, Quiet: true } }));
        const failed = out.Errors?.[0];
        if (failed) throw new Error(`could not delete s3://${Bucket}/${failed.Key}: ${failed.Code} ${failed.Message}`);
      }
    },
    async *list(prefix) {
      for await (const page of paginateListObjectsV2({ client }, { Bucket, Prefix: cfg.prefix + prefix })) {
        for (const o of page.Contents ?? [])
          if (o.Key) yield { key: o.Key.slice(cfg.prefix.length), size: o.Size ?? 0 };
      }
    },
    async check() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
      } catch (err) {
        const status = statusOf(err);
        const why =
          status === 404
            ? 'it does not exist (create it first)'
            : status === 403
              ? 'access was refused (check S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY and the bucket policy)'
              : (err as Error).message || (err as Error).name;
        throw new Error(
          `MEDIA_STORAGE=s3: bucket "${Bucket}" at ${cfg.endpoint ?? `Amazon S3 (${cfg.region})`} cannot be used: ${why}`,
          { cause: err },
        );
      }
    },
    close() {
      client.destroy();
    },
  };
}
