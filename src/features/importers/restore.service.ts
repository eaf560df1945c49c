/**
 * Restoring a backup from the admin: the same loader as `npm run cli -- restore`, for a site whose only row is
 * the publisher doing it (a new install, signed in with `create-publisher`). Their account is replaced with the
 * backup's accounts, which ends their session: they sign in again with an account from the backup.
 */
import { msg } from '../../lib/message.js';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { Deps } from '../../deps.js';
import { ArchiveError, readArchive, restoreArchive, type RestoreResult } from '../../db/site-archive.js';
import { AppError } from '../../errors.js';
import { recordAudit } from '../../platform/audit.repo.js';
import type { Viewer } from '../../platform/roles.js';

export async function restoreUploadedSite(deps: Deps, file: string, actor: Viewer): Promise<RestoreResult> {
  try {
    const result = await restoreArchive(
      deps.db.kysely,
      deps.db.dialect,
      readArchive(() => fs.createReadStream(file, { highWaterMark: 256 * 1024 })),
      { restoringUserId: actor.id },
    );
    // The restored audit log says who loaded it (by name: the account itself is gone with the old site).
    await recordAudit(
      deps.db.kysely,
      {
        actorUserId: null,
        action: 'site.restore',
        subjectType: 'site',
        subjectId: null,
        after: {
          restoredBy: actor.name,
          from: result.header.site,
          exportedAt: result.header.exportedAt,
          tables: result.tables,
          rows: result.rows,
        },
      },
      deps.clock.now(),
    );
    deps.log.warn({ rows: result.rows, tables: result.tables }, 'site restored from an uploaded backup');
    return result;
  } catch (err) {
    if (err instanceof ArchiveError)
      throw new AppError('RESTORE_REFUSED', msg('importers.restore_refused', { reason: err.message }));
    throw err;
  } finally {
    await fsp.rm(file, { force: true });
  }
}
