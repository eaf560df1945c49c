import { DateTime } from '../../../web/components/Meta.js';
import type { RestoreResult } from '../../../db/site-archive.js';
import { useI18n } from '../../../web/i18n-context.js';

/** After a restore from the admin: what was loaded, and the way back in (the publisher's session ended). */
export function RestoredPage({ result }: { result: RestoreResult }) {
  const i18n = useI18n();
  return (
    <div class="admin-page importers">
      <h1>{i18n.t('importers.restored_title')}</h1>
      <p role="status">
        {i18n.rich('importers.restored_summary', {
          rows: result.rows,
          tables: result.tables,
          site: result.header.site.name,
          date: () => <DateTime iso={result.header.exportedAt} withTime />,
        })}
      </p>
      <p>
        {i18n.rich('importers.restored_signed_out', {
          link: (chunks: string[]) => <a href="/login?next=%2Fadmin">{chunks}</a>,
        })}
      </p>
    </div>
  );
}
