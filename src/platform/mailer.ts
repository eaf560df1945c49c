/**
 * The one place mail leaves the program. With SMTP_URL set, a pooled nodemailer SMTP transport; without
 * it, a folder transport that writes each message as `<DATA_DIR>/mail/<outbox id>.eml` (nodemailer's
 * stream transport builds the exact bytes SMTP would carry), so development never mails real people and
 * every message can still be opened in a mail client.
 */
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { msg, type Message } from '../lib/message.js';
import { english } from './i18n.js';

/** One outbox row, ready to go. */
export interface OutgoingMessage {
  /** Outbox id: names the .eml file and seeds the Message-ID. */
  outboxId: number;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
  /** Stable per outbox row, so a resend after a crash carries the same Message-ID and receivers can drop the copy. */
  messageId: string;
  date: Date;
}

export interface Mailer {
  kind: 'smtp' | 'folder';
  /** Where mail goes, safe to show (no password). */
  describe: string;
  send(message: OutgoingMessage): Promise<void>;
  close(): void;
}

/** A failure the receiving server says will not go away (5xx): retrying is pointless. */
export function isPermanentFailure(err: unknown): boolean {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** Pool and timeouts unless the URL sets its own (`?pool=false&socketTimeout=…`). Timeouts stay well under the claim lease. */
const SMTP_DEFAULTS: Record<string, string> = {
  pool: 'true',
  maxConnections: '2',
  connectionTimeout: '20000',
  greetingTimeout: '15000',
  socketTimeout: '60000',
};

export function mailFolder(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'mail');
}

/** Where mail goes, in one line, for the admin page (in the site's language). */
export function mailTransportMessage(config: Pick<Config, 'smtpUrl' | 'dataDir'>): Message {
  if (!config.smtpUrl) return msg('mailadmin.transport_folder', { folder: mailFolder(config) });
  const u = new URL(config.smtpUrl);
  return msg('mailadmin.transport_smtp', { server: `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}` });
}

/** A one-line description of where mail goes, for the console (in English). */
export function describeMailTransport(config: Pick<Config, 'smtpUrl' | 'dataDir'>): string {
  return english(mailTransportMessage(config));
}

export function createMailer(config: Pick<Config, 'smtpUrl' | 'dataDir' | 'mailFrom'>): Mailer {
  return config.smtpUrl
    ? smtpMailer(config.smtpUrl, config.mailFrom)
    : folderMailer(mailFolder(config), config.mailFrom);
}

function toNodemailer(m: OutgoingMessage, from: string): nodemailer.SendMailOptions {
  return {
    from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    ...(m.html ? { html: m.html } : {}),
    headers: m.headers,
    messageId: m.messageId,
    date: m.date,
  };
}

function smtpMailer(url: string, from: string): Mailer {
  const u = new URL(url);
  for (const [k, v] of Object.entries(SMTP_DEFAULTS)) if (!u.searchParams.has(k)) u.searchParams.set(k, v);
  const transport = nodemailer.createTransport(u.toString());
  return {
    kind: 'smtp',
    describe: describeMailTransport({ smtpUrl: url, dataDir: '' }),
    async send(m) {
      await transport.sendMail(toNodemailer(m, from));
    },
    close: () => transport.close(),
  };
}

function folderMailer(dir: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'folder',
    describe: `written to ${dir}`,
    async send(m) {
      const info = await transport.sendMail(toNodemailer(m, from));
      await fs.promises.mkdir(dir, { recursive: true });
      const file = path.join(dir, `${m.outboxId}.eml`);
      // Write then rename: a reader of the folder never sees half a message.
      await fs.promises.writeFile(`${file}.tmp`, info.message as Buffer);
      await fs.promises.rename(`${file}.tmp`, file);
    },
    close: () => transport.close(),
  };
}

/**
 * The mailer of an app's context (built once, in createDeps). The folder mailer says, once and on its
 * first message, that mail is written to disk and not delivered.
 */
export function mailerForConfig(
  config: Pick<Config, 'smtpUrl' | 'dataDir' | 'mailFrom'>,
  log: Pick<Logger, 'warn'>,
): Mailer {
  const mailer = createMailer(config);
  if (mailer.kind !== 'folder') return mailer;
  let warned = false;
  return {
    ...mailer,
    async send(m) {
      if (!warned) {
        warned = true;
        log.warn(describeMailTransport(config));
      }
      await mailer.send(m);
    },
  };
}
