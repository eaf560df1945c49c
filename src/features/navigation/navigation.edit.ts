/**
 * Editing one list of the navigation (publisher): the form sends every row as it stands (its item, label and
 * address) and one action: save, move a row up or down, remove it, add an item, or go back to the default. The
 * action applies to the rows, the result is checked whole, and only a valid list is stored, with its audit entry
 * in the same transaction; then every process hears of the new version. Bad input changes nothing.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { msg, type Message } from '../../lib/message.js';
import { recordAudit } from '../../platform/audit.repo.js';
import type { EventBus } from '../../platform/event-bus.js';
import { hasRole } from '../../platform/roles.js';
import { putSetting } from '../../platform/settings.repo.js';
import { listPages, listSections } from '../articles/index.js';
import {
  invalidateNavigation,
  linkProblem,
  loadNavigation,
  MAX_ITEMS,
  MAX_LABEL,
  NAVIGATION_SETTING,
  NAVIGATION_TOPIC,
  type NavigationCache,
  type NavItem,
  type NavList,
  type StoredNavigation,
} from './navigation.service.js';

/** One row of the form as sent: `item` is "section:<id>", "page:<id>" or "link". */
export interface NavRow {
  item: string;
  label: string;
  url: string;
}

export type NavAction =
  { op: 'save' | 'reset' } | { op: 'up' | 'down' | 'remove'; index: number } | { op: 'add'; row: NavRow };

export interface NavEdit {
  list: NavList;
  rows: NavRow[];
  action: NavAction;
}

interface EditContext {
  db: { kysely: Kysely<Database> };
  bus: EventBus;
  log: Logger;
  caches: { navigation: NavigationCache };
  now: Date;
}

/** The action's string from the form ("save", "up:2", "add" …), or null when it is none of them. */
export function parseAction(value: string, add: NavRow): NavAction | null {
  if (value === 'save' || value === 'reset') return { op: value };
  if (value === 'add') return { op: 'add', row: add };
  const m = /^(up|down|remove):(\d{1,3})$/.exec(value);
  return m ? { op: m[1] as 'up' | 'down' | 'remove', index: Number(m[2]) } : null;
}

function applyAction(rows: NavRow[], action: NavAction): NavRow[] {
  const out = [...rows];
  if (action.op === 'add') out.push(action.row);
  else if (action.op === 'remove') out.splice(action.index, 1);
  else if (action.op === 'up' || action.op === 'down') {
    const to = action.op === 'up' ? action.index - 1 : action.index + 1;
    if (to >= 0 && to < out.length && action.index < out.length)
      [out[action.index], out[to]] = [out[to]!, out[action.index]!];
  }
  return out;
}

/** The rows as items, with a message per faulty field (`<list>_label_<n>`, `<list>_url_<n>`, `<list>_add`). */
async function checkedItems(db: Kysely<Database>, list: NavList, rows: NavRow[]) {
  const errors: Record<string, Message> = {};
  const [sections, pages] = await Promise.all([listSections(db), listPages(db)]);
  const items: NavItem[] = [];
  rows.forEach((r, n) => {
    const label = r.label.replace(/\s+/g, ' ').trim();
    const field = (what: string) => `${list}_${what}_${n}`;
    if (label.length > MAX_LABEL) errors[field('label')] = msg('navigation.label_too_long', { max: MAX_LABEL });
    const ref = /^(section|page):(\d{1,12})$/.exec(r.item);
    if (r.item === 'link') {
      if (label === '') errors[field('label')] = msg('navigation.link_label_missing');
      const problem = linkProblem(r.url);
      if (problem) errors[field('url')] = problem;
      items.push({ kind: 'link', label, url: r.url.trim() });
    } else if (ref?.[1] === 'section' && sections.some((s) => s.id === Number(ref[2]))) {
      items.push({ kind: 'section', id: Number(ref[2]), label });
    } else if (ref?.[1] === 'page' && pages.some((p) => p.id === Number(ref[2]))) {
      items.push({ kind: 'page', id: Number(ref[2]), label });
    } else {
      errors[field('label')] = msg('navigation.item_gone');
    }
  });
  if (items.length > MAX_ITEMS) errors[`${list}_add`] = msg('navigation.too_many', { max: MAX_ITEMS });
  return { items, errors };
}

/** Applies the action to one list and stores the result (publisher only); returns the new version. */
export async function editNavigation(
  ctx: EditContext,
  actor: { id: number; role: string },
  edit: NavEdit,
): Promise<number> {
  if (!hasRole(actor.role, 'publisher'))
    throw new AppError('SETTINGS_PUBLISHER_ONLY', msg('navigation.publisher_only'));
  const db = ctx.db.kysely;
  let items: NavItem[] | null = null;
  if (edit.action.op !== 'reset') {
    const rows = applyAction(edit.rows, edit.action);
    const checked = await checkedItems(db, edit.list, rows);
    if (edit.action.op === 'add' && edit.action.row.item === '')
      checked.errors[`${edit.list}_add`] = msg('navigation.choose_add');
    if (Object.keys(checked.errors).length > 0)
      throw new AppError('NAVIGATION_INVALID', msg('navigation.invalid'), {
        fields: checked.errors,
      });
    items = checked.items;
  }
  const saved = await db.transaction().execute(async (trx) => {
    const before = await loadNavigation(trx);
    const after: StoredNavigation = { ...before, [edit.list]: items, version: before.version + 1 };
    await putSetting(trx, NAVIGATION_SETTING, after, ctx.now);
    await recordAudit(
      trx,
      {
        actorUserId: actor.id,
        action: 'navigation.update',
        subjectType: 'setting',
        subjectId: NAVIGATION_SETTING,
        before: { [edit.list]: before[edit.list], version: before.version },
        after: { [edit.list]: items, version: after.version },
      },
      ctx.now,
    );
    return after;
  });
  invalidateNavigation(ctx.caches.navigation);
  try {
    await ctx.bus.publish({ topic: NAVIGATION_TOPIC, type: 'navigation.update', data: { version: saved.version } });
  } catch (err) {
    // Saved all the same: other processes catch up when their bus reconnects (resync), or within seconds.
    ctx.log.warn({ err }, 'could not announce the new navigation to other processes');
  }
  return saved.version;
}
