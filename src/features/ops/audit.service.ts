/**
 * The audit log as the admin page reads it. The publisher sees every entry; a moderator sees the
 * discussion's (comments and bans), not donations or staff changes.
 */
import type { Deps } from '../../deps.js';
import { isRowId } from '../../lib/ids.js';
import { hasRole } from '../../platform/roles.js';
import { listAudit, listAuditVocabulary, type AuditRecord } from '../../platform/audit.repo.js';
import type { AuditQuery } from './views/AuditPage.js';

export const AUDIT_PAGE = 50;
/** What a moderator (who is not the publisher) may read in the log. */
export const MODERATOR_SUBJECTS = ['comment', 'ban'];

/** The filters as typed in the page's address (all optional, untrimmed). */
export interface AuditFilters {
  action?: string;
  subject?: string;
  id?: string;
  before?: string;
}

export interface AuditLogPage {
  entries: AuditRecord[];
  query: AuditQuery;
  actions: string[];
  subjectTypes: string[];
  nextBefore: number | null;
  /** True when the viewer sees only the discussion's entries. */
  scoped: boolean;
}

/** One page of the log, newest first, filtered and limited to what the viewer's role may read. */
export async function loadAuditLog(
  deps: Pick<Deps, 'db'>,
  viewer: { role: string },
  filters: AuditFilters,
): Promise<AuditLogPage> {
  const db = deps.db.kysely;
  const scope = hasRole(viewer.role, 'publisher') ? undefined : MODERATOR_SUBJECTS;
  const query: AuditQuery = {
    action: filters.action?.trim() || undefined,
    subjectType: filters.subject?.trim() || undefined,
    subjectId: filters.id?.trim() || undefined,
    before: filters.before && isRowId(Number(filters.before)) ? Number(filters.before) : undefined,
  };
  const [rows, vocabulary] = await Promise.all([
    listAudit(db, {
      limit: AUDIT_PAGE + 1,
      beforeId: query.before,
      action: query.action,
      subjectType: query.subjectType,
      subjectId: query.subjectId,
      subjectTypes: scope,
    }),
    listAuditVocabulary(db, scope),
  ]);
  const entries = rows.slice(0, AUDIT_PAGE);
  return {
    entries,
    query,
    actions: vocabulary.actions,
    subjectTypes: vocabulary.subjectTypes,
    nextBefore: rows.length > AUDIT_PAGE ? entries[entries.length - 1]!.id : null,
    scoped: scope !== undefined,
  };
}
