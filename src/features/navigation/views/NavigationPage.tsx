/**
 * /admin/navigation: the header's and the footer's items, each list its own form. Every button submits the whole
 * list with one action (move up, move down, remove, add, save), so ordering works without JavaScript.
 */
import type { AppError } from '../../../errors.js';
import { AdminNav } from '../../../web/components/AdminNav.js';
import { ErrorSummary, fieldErrors } from '../../../web/forms.js';
import type { PageItem, Section } from '../../articles/index.js';
import type { NavRow } from '../navigation.edit.js';
import { MAX_LABEL, type NavList } from '../navigation.service.js';

const TITLES: Record<NavList, string> = { header: 'Header navigation', footer: 'Footer links' };
const INTRO: Record<NavList, string> = {
  header:
    'The links across the top of every page, in this order. Until you save, the header shows every section. “Support us” always follows them.',
  footer: 'The links at the foot of every page, in this order, after the footer text set under Site.',
};

export interface NavigationPageProps {
  role: string;
  csrf: string;
  rows: Record<NavList, NavRow[]>;
  /** Whether each list was ever saved (else it shows the default). */
  saved: Record<NavList, boolean>;
  sections: Section[];
  pages: PageItem[];
  /** The list the error belongs to, with the error. */
  error?: { list: NavList; error: AppError; add: NavRow };
  notice?: string;
}

function describe(row: NavRow, p: NavigationPageProps): string {
  const ref = /^(section|page):(\d+)$/.exec(row.item);
  if (ref?.[1] === 'section') {
    const s = p.sections.find((x) => x.id === Number(ref[2]));
    return s ? `Section: ${s.name}` : 'A section that no longer exists';
  }
  if (ref?.[1] === 'page') {
    const pg = p.pages.find((x) => x.id === Number(ref[2]));
    return pg
      ? `Page: ${pg.headline}${pg.status === 'published' ? '' : ' (draft: hidden until published)'}`
      : 'A page that no longer exists';
  }
  return 'Link';
}

function ListForm({ list, p }: { list: NavList; p: NavigationPageProps }) {
  const errors = p.error?.list === list ? fieldErrors(p.error.error) : {};
  const add = p.error?.list === list ? p.error.add : { item: '', label: '', url: '' };
  const rows = p.rows[list];
  const id = (what: string, n: number | string) => `field-${list}_${what}_${n}`;
  const err = (key: string, domId: string) =>
    errors[key] ? (
      <p class="field-error" id={`${domId}-error`}>
        {errors[key]}
      </p>
    ) : null;
  return (
    <section class="nav-editor" aria-labelledby={`${list}-heading`} id={list}>
      <h2 id={`${list}-heading`}>{TITLES[list]}</h2>
      <p>
        {INTRO[list]} {p.saved[list] ? '' : 'Nothing saved yet: this is the default.'}
      </p>
      {p.error?.list === list && <ErrorSummary error={p.error.error} />}
      <form class="form" method="post" action="/admin/navigation">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <input type="hidden" name="list" value={list} />
        {rows.length === 0 ? (
          <p>No items: the {list} shows no links.</p>
        ) : (
          <ol class="nav-items">
            {rows.map((r, n) => (
              <li class="nav-item">
                <input type="hidden" name="item" value={r.item} />
                <p class="nav-item-kind">
                  <strong>{n + 1}.</strong> {describe(r, p)}
                </p>
                <div class={errors[`${list}_label_${n}`] ? 'field field-invalid' : 'field'}>
                  <label for={id('label', n)}>{r.item === 'link' ? 'Label' : 'Label (empty for the name)'}</label>
                  {err(`${list}_label_${n}`, id('label', n))}
                  <input
                    id={id('label', n)}
                    name="label"
                    value={r.label}
                    maxLength={MAX_LABEL * 2}
                    aria-invalid={errors[`${list}_label_${n}`] ? 'true' : undefined}
                    aria-describedby={errors[`${list}_label_${n}`] ? `${id('label', n)}-error` : undefined}
                  />
                </div>
                {r.item === 'link' ? (
                  <div class={errors[`${list}_url_${n}`] ? 'field field-invalid' : 'field'}>
                    <label for={id('url', n)}>Address</label>
                    {err(`${list}_url_${n}`, id('url', n))}
                    <input
                      id={id('url', n)}
                      name="url"
                      value={r.url}
                      maxLength={1000}
                      aria-invalid={errors[`${list}_url_${n}`] ? 'true' : undefined}
                      aria-describedby={errors[`${list}_url_${n}`] ? `${id('url', n)}-error` : undefined}
                    />
                  </div>
                ) : (
                  <input type="hidden" name="url" value="" />
                )}
                <div class="nav-item-actions">
                  {n > 0 && (
                    <button type="submit" name="do" value={`up:${n}`} class="button-secondary">
                      Move up<span class="visually-hidden"> item {n + 1}</span>
                    </button>
                  )}
                  {n < rows.length - 1 && (
                    <button type="submit" name="do" value={`down:${n}`} class="button-secondary">
                      Move down<span class="visually-hidden"> item {n + 1}</span>
                    </button>
                  )}
                  <button type="submit" name="do" value={`remove:${n}`} class="button-secondary">
                    Remove<span class="visually-hidden"> item {n + 1}</span>
                  </button>
                </div>
              </li>
            ))}
          </ol>
        )}
        <fieldset class="nav-add">
          <legend>Add an item</legend>
          {err(`${list}_add`, `field-${list}_add`)}
          <div class="field">
            <label for={`field-${list}_add`}>Item</label>
            <select
              id={`field-${list}_add`}
              name="add_item"
              aria-describedby={errors[`${list}_add`] ? `field-${list}_add-error` : undefined}
            >
              <option value="" selected={add.item === ''}>
                Choose…
              </option>
              <option value="link" selected={add.item === 'link'}>
                A link (label and address below)
              </option>
              <optgroup label="Sections">
                {p.sections.map((s) => (
                  <option value={`section:${s.id}`} selected={add.item === `section:${s.id}`}>
                    {s.name}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Pages">
                {p.pages.map((pg) => (
                  <option value={`page:${pg.id}`} selected={add.item === `page:${pg.id}`}>
                    {pg.headline}
                  </option>
                ))}
              </optgroup>
            </select>
          </div>
          <div class="field">
            <label for={id('add', 'label')}>Label (for a link; optional for a section or page)</label>
            <input id={id('add', 'label')} name="add_label" value={add.label} maxLength={MAX_LABEL * 2} />
          </div>
          <div class="field">
            <label for={id('add', 'url')}>Address (for a link: https://… or a path such as /ledger)</label>
            <input id={id('add', 'url')} name="add_url" value={add.url} maxLength={1000} />
          </div>
          <button type="submit" name="do" value="add" class="button-secondary">
            Add to the {list}
          </button>
        </fieldset>
        <div class="form-actions">
          <button type="submit" name="do" value="save">
            Save the {list}
          </button>
          {p.saved[list] && (
            <button type="submit" name="do" value="reset" class="button-secondary">
              Back to the default
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

export function NavigationPage(p: NavigationPageProps) {
  return (
    <div class="admin-page">
      <AdminNav role={p.role} current="/admin/navigation" />
      <h1>Navigation</h1>
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      <p>
        What the header and the footer link to: sections, <a href="/admin/pages">pages</a> and links to other sites.
        Every button saves at once; every page shows the change from the next visit, without a restart.
      </p>
      <ListForm list="header" p={p} />
      <ListForm list="footer" p={p} />
    </div>
  );
}
