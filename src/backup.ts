/** `npm run backup [-- <folder>]`: a consistent copy of the database and media. */
import path from 'node:path';
import { loadConfig } from './config.js';
import { createMediaStore } from './deps.js';
import { backupSqlite } from './features/ops/index.js';

const config = loadConfig();
const out = path.resolve(process.argv[2] ?? path.join(config.dataDir, 'backups'));
if (config.databaseUrl) {
  console.log(
    `PostgreSQL: back up with pg_dump, e.g.\n  pg_dump --format=custom --file=broadsheet.dump "$DATABASE_URL"\n${
      config.mediaStorage.kind === 's3'
        ? `and the images with: npm run cli -- export --out site.json --media site-media.tar (they are in ${(await createMediaStore(config)).location}).`
        : 'and copy DATA_DIR/media and DATA_DIR/originals alongside it.'
    }`,
  );
  process.exit(0);
}
const media = await createMediaStore(config);
const r = await backupSqlite(config, media, out, new Date());
media.close();
console.log(
  `Backup written: ${r.file} (${r.bytes} bytes) and ${r.mediaFiles} media files. Restore by stopping the app and copying them into DATA_DIR${
    config.mediaStorage.kind === 's3' ? ` (the media/ and originals/ folders into ${media.location})` : ''
  }.`,
);
