/** `npm run backup [-- <folder>]`: a consistent copy of the database and media. */
import path from 'node:path';
import { loadConfig } from './config.js';
import { backupSqlite } from './features/ops/index.js';

const config = loadConfig();
const out = path.resolve(process.argv[2] ?? path.join(config.dataDir, 'backups'));
if (config.databaseUrl) {
  console.log(
    'PostgreSQL: back up with pg_dump, e.g.\n  pg_dump --format=custom --file=broadsheet.dump "$DATABASE_URL"\nand copy DATA_DIR/media alongside it.',
  );
  process.exit(0);
}
const r = await backupSqlite(config, out, new Date());
console.log(
  `Backup written: ${r.file} (${r.bytes} bytes) and ${r.mediaFiles} media files. Restore by stopping the app and copying them into DATA_DIR.`,
);
