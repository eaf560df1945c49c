/**
 * Who may do what to an article. The services call these on every state change (the routes only keep
 * out accounts that have no business in the admin at all), so no path around the pages skips a rule.
 *
 * - Authors write: they create drafts and edit, preview and delete their own drafts (an article is
 *   theirs when it carries their byline). Once scheduled or published, an article is the desk's, and
 *   stays the desk's when unpublished again: readers saw it, it may carry corrections.
 * - Editors (and the publisher) edit, schedule, publish, unpublish, correct and delete any article,
 *   except that only the publisher deletes an article that carries corrections: deleting it erases the
 *   public record of what was corrected, where unpublishing keeps it.
 * - Moderators and readers have no part in articles.
 */
import { AppError } from '../../errors.js';
import { msg, type Text } from '../../lib/message.js';
import { hasRole } from '../../platform/roles.js';
import type { ArticleStatus } from './article.table.js';

export interface Actor {
  id: number;
  role: string;
}

interface Owned {
  status: ArticleStatus;
  bylineIds: number[];
  /** First publication; null for an article readers never saw. */
  publishedAt: string | null;
}

interface Deletable extends Owned {
  corrections: readonly unknown[];
}

const isEditor = (actor: Actor): boolean => hasRole(actor.role, 'editor');
const owns = (actor: Actor, a: Owned): boolean => a.bylineIds.includes(actor.id);

export const canWrite = (actor: Actor): boolean => hasRole(actor.role, 'author');
export const canEdit = (actor: Actor, a: Owned): boolean =>
  isEditor(actor) || (canWrite(actor) && a.status === 'draft' && a.publishedAt === null && owns(actor, a));
/** Preview and read in the admin: an author may look at their own work in any state. */
export const canView = (actor: Actor, a: Owned): boolean => isEditor(actor) || (canWrite(actor) && owns(actor, a));
export const canPublish = (actor: Actor): boolean => isEditor(actor);
/**
 * Whose unpublished work the admin list shows the actor: everyone's (editors: undefined) or only the
 * actor's own (authors, who may not open another author's draft). Published articles are listed to all.
 */
export const unpublishedVisibleTo = (actor: Actor): number | undefined => (isEditor(actor) ? undefined : actor.id);
export const canDelete = (actor: Actor, a: Deletable): boolean =>
  a.corrections.length > 0 ? hasRole(actor.role, 'publisher') : canEdit(actor, a);
/** Why canDelete refused, for the page to say. */
export const deleteRefusal = (a: Deletable): Text =>
  a.corrections.length > 0
    ? msg('editor.delete_corrected_publisher_only')
    : a.status === 'draft' && a.publishedAt === null
      ? msg('editor.delete_own_drafts_only')
      : msg('editor.delete_published_editor_only');
export const canCorrect = (actor: Actor): boolean => isEditor(actor);

/** Codes of the refusals below: each names what was refused. */
type ArticleRefusal =
  | 'ARTICLE_EDIT_FORBIDDEN'
  | 'ARTICLE_WRITE_FORBIDDEN'
  | 'ARTICLE_PUBLISH_FORBIDDEN'
  | 'ARTICLE_DELETE_FORBIDDEN'
  | 'ARTICLE_CORRECT_FORBIDDEN';

/** Throws the refusal's code with a message that says why, for the page to show. */
export function assertCan(allowed: boolean, code: ArticleRefusal, why: Text): void {
  if (!allowed) throw new AppError(code, why);
}
