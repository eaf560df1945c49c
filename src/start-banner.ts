/**
 * What `npm start` tells the operator, printed once whether one process serves (src/main.ts) or a cluster's
 * primary does (src/cluster.ts).
 */
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { describeMailTransport } from './platform/mailer.js';

export interface FirstLogin {
  email: string;
  password: string;
}

/** Sessions signed with a random key end with the process: say so once, at start. */
export function warnIfEphemeralKey(config: Config, log: Logger): void {
  if (config.secretKeyIsEphemeral)
    log.warn(
      'SECRET_KEY is not set: a random key is used, so sessions end when the process restarts. Set SECRET_KEY in production.',
    );
}

/** The address, the database, where mail goes, and the demo's one-time admin login. */
export function printStartBanner(config: Config, dialect: string, firstLogin: FirstLogin | undefined): void {
  const processes = config.workers > 1 ? `, ${config.workers} worker processes` : '';
  const banner = [`Broadsheet is running at ${config.siteUrl} (database: ${dialect}${processes})`];
  if (!config.smtpUrl) banner.push(describeMailTransport(config));
  if (firstLogin)
    banner.push(
      `Admin login (shown once, only its hash is stored): ${firstLogin.email} / ${firstLogin.password}  →  ${config.siteUrl}/login`,
    );
  console.log(`\n  ${banner.join('\n  ')}\n`);
}
