/**
 * Reads a multipart image upload before the CSRF check: the form's fields (including `_csrf`) become
 * `request.body`, so `app.csrfProtection` can run after this hook as for any other form, and the file
 * is held in memory up to the size limit. A larger file is not kept: the rest of it is read and dropped
 * so the browser gets the answer (a form with a message) rather than a reset connection.
 */
import type { FastifyRequest } from 'fastify';
import { msg, type Text } from '../../lib/message.js';
import type { FastifyMultipartBaseOptions } from '@fastify/multipart';
import { AppError } from '../../errors.js';
import { MAX_UPLOAD_BYTES } from './image.service.js';

export interface Upload {
  /** Empty when no file was chosen. */
  buffer: Buffer;
  filename: string;
  /** The file went past MAX_UPLOAD_BYTES. */
  tooLarge: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The uploaded file, set by readImageUpload on the routes that use it; null elsewhere. */
    upload: Upload | null;
  }
}

const MAX_FIELDS = 20;
/**
 * throwFileSizeLimit: false makes busboy truncate an oversized file and keep reading the request, so the
 * answer reaches the browser. (The option is honoured by parts() at run time; its type omits it.)
 */
const PART_OPTIONS: FastifyMultipartBaseOptions = {
  throwFileSizeLimit: false,
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: MAX_FIELDS, fieldSize: 10_000 },
};

export async function readImageUpload(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) throw new AppError('UPLOAD_NOT_MULTIPART', msg('images.upload_not_multipart'));
  const fields: Record<string, Text> = {};
  let upload: Upload = { buffer: Buffer.alloc(0), filename: '', tooLarge: false };
  let sawFile = false;
  try {
    for await (const part of request.parts(PART_OPTIONS)) {
      if (part.type === 'file') {
        if (sawFile) {
          part.file.resume();
          continue;
        }
        sawFile = true;
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        const tooLarge = part.file.truncated;
        upload = {
          buffer: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks),
          filename: part.filename ?? '',
          tooLarge,
        };
      } else if (typeof part.value === 'string' && !(part.fieldname in fields)) {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') upload = { buffer: Buffer.alloc(0), filename: '', tooLarge: true };
    else throw new AppError('UPLOAD_INCOMPLETE', msg('images.upload_incomplete'), { cause: err });
  }
  request.body = fields;
  request.upload = upload;
}
