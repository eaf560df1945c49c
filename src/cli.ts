/**
 * Command line for moving a site in and out:
 *   npm run cli -- import-wxr <file> [--dry-run] [--media-dir <wp-content/uploads copy>]
 *   npm run cli -- import-disqus <file> [--article-map by-url|by-identifier] [--dry-run]
 *   npm run cli -- export [--out file.json] [--media site-media.tar]
 *   npm run cli -- restore <file.json> [--media site-media.tar]
 *   npm run cli -- create-publisher <email> [--name "Full Name"]
 * Uses the same configuration as the server (DATABASE_URL for PostgreSQL, else the SQLite file in DATA_DIR).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { closeDeps, createDeps, type Deps } from './deps.js';
import { AppError } from './errors.js';
import { grantPublisherAccess } from './features/accounts/index.js';
import { importDisqus, type ArticleMap } from './features/importers/index.js';
import { exportChunks, writeExportFile } from './features/importers/index.js';
import { stageMediaTar, writeMediaTar } from './features/importers/index.js';
import type { ImportInput } from './features/importers/index.js';
import { summaryLines, type ImportProgress } from './features/importers/index.js';
import { createProgressReporter } from './features/importers/index.js';
import { importWxr } from './features/importers/index.js';
import { XmlFormatError } from './features/importers/index.js';
import { ArchiveError, readArchive, restoreArchive } from './db/site-archive.js';

const HELP = `Broadsheet command line

  npm run cli -- import-wxr <file> [--dry-run] [--media-dir <dir>]
      Import a WordPress export (WXR): authors, categories (sections), tags, posts, pages, comments
      with their status and wpDiscuz votes. --media-dir is a local copy of wp-content/uploads; files
      are never downloaded. Safe to run again: only what is new or changed is written.

  npm run cli -- import-disqus <file> [--article-map by-url|by-identifier] [--dry-run]
      Import a Disqus export. Threads are matched to articles by their URL (default) or by their
      Disqus identifier; unmatched threads are listed and skipped. Safe to run again.

  npm run cli -- export [--out <file.json>] [--media <site-media.tar>]
      Write the whole site as JSON (to stdout without --out): a backup that restore loads again.
      It contains e-mail addresses and password hashes: the file is created readable by you only
      (mode 0600). Image files are not in it: --media writes them (media/ and originals/ of the
      media store: DATA_DIR, or the bucket when MEDIA_STORAGE=s3) as one tar beside it.

  npm run cli -- restore <file.json> [--media <site-media.tar>]
      Load a document written by export into an empty site (a new DATA_DIR or database, migrated
      here), in one transaction: all of it lands or nothing does; --media puts the image files of
      export --media back (checked first, put into the media store once the database is restored). Use
      the same SECRET_KEY as the old site, or bans by address and guests' votes no longer match.

  npm run cli -- create-publisher <email> [--name "Full Name"]
      Give this account the publisher role with a new random password, printed once (created if it
      does not exist; its other sessions end). The way in for a site started with SEED_DEMO=false,
      or for a publisher locked out where password-reset mail does not reach them.

  npm run cli -- help
`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      'dry-run': { type: 'boolean' },
      'media-dir': { type: 'string' },
      'article-map': { type: 'string' },
      out: { type: 'string' },
      media: { type: 'string' },
      name: { type: 'string' },
    },
  });
  if (!['import-wxr', 'import-disqus', 'export', 'restore', 'create-publisher'].includes(command))
    throw new UsageError(`Unknown command "${command}".`);
  if (command === 'create-publisher') return createPublisher(positionals[0], values.name);
  if (command === 'restore') return restore(positionals[0], values.media);
  if (values.media && command !== 'export')
    throw new UsageError('--media goes with export and restore (for imports, --media-dir is the uploads folder).');
  // Everything that can be checked without the database is checked first.
  const file = positionals[0];
  if (command !== 'export' && !file)
    throw new UsageError(`${command} needs the export file: npm run cli -- ${command} <file>`);
  const input = command === 'export' ? null : openInput(file!);
  const map = values['article-map'] ?? 'by-url';
  if (map !== 'by-url' && map !== 'by-identifier')
    throw new UsageError('--article-map must be by-url or by-identifier.');
  const mediaDir = values['media-dir'];
  if (mediaDir && !fs.existsSync(mediaDir)) throw new UsageError(`--media-dir ${mediaDir} does not exist.`);

  const config = loadConfig();
  const log = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel }, pino.destination(2));
  const deps = await createDeps(config, { log });
  try {
    if (!input) return await runExport(deps, values.out, values.media);
    const reporter = createProgressReporter();
    const common = { dryRun: values['dry-run'] ?? false, onProgress: reporter.listener };
    let result: ImportProgress;
    try {
      result =
        command === 'import-wxr'
          ? await importWxr(deps, input, { ...common, uploadsDir: mediaDir })
          : await importDisqus(deps, input, { ...common, articleMap: map as ArticleMap });
    } finally {
      reporter.stop();
    }
    if (config.secretKeyIsEphemeral)
      process.stderr.write(
        'Warning: SECRET_KEY is not set, so imported IP addresses were hashed with a throwaway key (they cannot be matched against bans later).\n',
      );
    process.stdout.write(
      `${result.dryRun ? 'Dry run (nothing was written)' : 'Import finished'}: ${result.created} created, ${result.updated} updated, ${result.skipped} skipped\n`,
    );
    for (const line of summaryLines(result)) process.stdout.write(`  ${line}\n`);
    return 0;
  } finally {
    await closeDeps(deps);
  }
}

async function createPublisher(email: string | undefined, name: string | undefined): Promise<number> {
  if (!email) throw new UsageError('create-publisher needs an e-mail address: npm run cli -- create-publisher <email>');
  const config = loadConfig();
  const deps = await createDeps(config, { log: pino({ level: 'warn' }, pino.destination(2)) });
  try {
    const access = await grantPublisherAccess(deps.db.kysely, { email, name }, deps.clock.now());
    process.stdout.write(
      `${access.created ? 'Created' : 'Updated'} publisher ${access.email}. Password (shown once, only its hash is stored): ${access.password}\n`,
    );
    return 0;
  } finally {
    await closeDeps(deps);
  }
}

async function restore(file: string | undefined, mediaTar: string | undefined): Promise<number> {
  if (!file) throw new UsageError('restore needs the document written by export: npm run cli -- restore <file.json>');
  openInput(file); // a readable file, or a clear message
  if (mediaTar) openInput(mediaTar);
  const config = loadConfig();
  const deps = await createDeps(config, { log: pino({ level: 'warn' }, pino.destination(2)) });
  // The media archive is checked and unpacked before the database is touched, and moved in after it.
  const staged = mediaTar ? await stageMediaTar(mediaTar, config.dataDir, deps.media).catch(closing(deps)) : null;
  try {
    const parts = readArchive(() => fs.createReadStream(file, { highWaterMark: 256 * 1024 }));
    const result = await restoreArchive(deps.db.kysely, deps.db.dialect, parts, {
      onProgress: (table, rows) => process.stderr.write(`  ${table}: ${rows}\n`),
    });
    await staged?.commit();
    process.stdout.write(
      `Restored ${result.rows} rows in ${result.tables} tables from the site "${result.header.site.name}" exported ${result.header.exportedAt}.\n`,
    );
    if (staged) process.stdout.write(`Restored ${staged.files} media files into ${deps.media.location}.\n`);
    if (config.secretKeyIsEphemeral)
      process.stderr.write(
        "Warning: SECRET_KEY is not set: set the old site's key, or its bans by address and guests' votes no longer match.\n",
      );
    return 0;
  } finally {
    await staged?.discard();
    await closeDeps(deps);
  }
}

/** For a failure before the try block that would close them: closes the context, then rethrows. */
function closing(deps: Deps): (err: unknown) => Promise<never> {
  return async (err) => {
    await closeDeps(deps);
    throw err;
  };
}

function openInput(file: string): ImportInput {
  let size: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new UsageError(`${file} is not a file.`);
    size = st.size;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(
      `Cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`,
    );
  }
  return {
    stream: fs.createReadStream(file, { highWaterMark: 256 * 1024 }),
    reopen: () => fs.createReadStream(file, { highWaterMark: 256 * 1024 }),
    totalBytes: size,
    name: path.basename(file),
  };
}

async function runExport(deps: Deps, out: string | undefined, mediaTar: string | undefined): Promise<number> {
  const meta = { siteName: deps.config.siteName, siteUrl: deps.config.siteUrl, now: deps.clock.now() };
  if (!out) {
    for await (const chunk of exportChunks(deps.db, meta)) {
      if (!process.stdout.write(chunk)) await new Promise((r) => process.stdout.once('drain', r));
    }
  } else {
    await writeExportFile(deps.db, meta, out);
    process.stderr.write(`Exported to ${out} (mode 0600: it contains e-mail addresses and password hashes).\n`);
  }
  if (mediaTar) {
    const media = await writeMediaTar(deps.media, mediaTar);
    process.stderr.write(
      `Media: ${media.files} files (${(media.bytes / 1024 / 1024).toFixed(1)} MB) written to ${mediaTar}.\n`,
    );
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      process.stderr.write(`${(err as Error).message}\n\n${HELP}`);
      process.exitCode = 2;
    } else if (
      err instanceof AppError ||
      err instanceof XmlFormatError ||
      err instanceof ConfigError ||
      err instanceof ArchiveError
    ) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`The command failed: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 1;
    }
  },
);
