import { DateTime } from '../../../web/components/Meta.js';
import type { RestoreResult } from '../../../db/site-archive.js';

/** After a restore from the admin: what was loaded, and the way back in (the publisher's session ended). */
export function RestoredPage({ result }: { result: RestoreResult }) {
  return (
    <div class="admin-page importers">
      <h1>Site restored</h1>
      <p role="status">
        Restored {result.rows.toLocaleString('en')} rows in {result.tables} tables from “{result.header.site.name}”,
        exported <DateTime iso={result.header.exportedAt} withTime />.
      </p>
      <p>
        Your account was replaced with the backup’s accounts, so you are signed out.{' '}
        <a href="/login?next=%2Fadmin">Sign in with an account from the backup</a>.
      </p>
    </div>
  );
}
