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
import { useI18n } from '../../../web/i18n-context.js';
import type { I18n } from '../../../platform/i18n.js';

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

function describe(row: NavRow, p: NavigationPageProps, t: I18n['t']): string {
  const ref = /^(section|page):(\d+)$/.exec(row.item);
  if (ref?.[1] === 'section') {
    const s = p.sections.find((x) => x.id === Number(ref[2]));
    return s ? t('navigation.kind_section', { name: s.name }) : t('navigation.kind_section_gone');
  }
  if (ref?.[1] === 'page') {
    const pg = p.pages.find((x) => x.id === Number(ref[2]));
    if (!pg) return t('navigation.kind_page_gone');
    return t(pg.status === 'published' ? 'navigation.kind_page' : 'navigation.kind_page_draft', {
      headline: pg.headline,
    });
  }
  return t('navigation.kind_link');
}

function ListForm({ list, p }: { list: NavList; p: NavigationPageProps }) {
  const errors = p.error?.list === list ? fieldErrors(p.error.error) : {};
  const add = p.error?.list === list ? p.error.add : { item: '', label: '', url: '' };
  const rows = p.rows[list];
  const i18n = useI18n();
  const { t } = i18n;
  const hidden = (chunks: string[]) => <span class="visually-hidden">{chunks}</span>;
  const id = (what: string, n: number | string) => `field-${list}_${what}_${n}`;
  const err = (key: string, domId: string) =>
    errors[key] ? (
      <p class="field-error" id={`${domId}-error`}>
        {errors[key]}
      </p>
    ) : null;
  return (
    <section class="nav-editor" aria-labelledby={`${list}-heading`} id={list}>
      <h2 id={`${list}-heading`}>{t('navigation.list_title', { list })}</h2>
      <p>
        {t('navigation.list_intro', { list })} {p.saved[list] ? '' : t('navigation.not_saved')}
      </p>
      {p.error?.list === list && <ErrorSummary error={p.error.error} />}
      <form class="form" method="post" action="/admin/navigation">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <input type="hidden" name="list" value={list} />
        {rows.length === 0 ? (
          <p>{t('navigation.no_items', { list })}</p>
        ) : (
          <ol class="nav-items">
            {rows.map((r, n) => (
              <li class="nav-item">
                <input type="hidden" name="item" value={r.item} />
                <p class="nav-item-kind">
                  <strong>{n + 1}.</strong> {describe(r, p, t)}
                </p>
                <div class={errors[`${list}_label_${n}`] ? 'field field-invalid' : 'field'}>
                  <label for={id('label', n)}>
                    {t(r.item === 'link' ? 'navigation.label_link' : 'navigation.label_named')}
                  </label>
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
                    <label for={id('url', n)}>{t('navigation.address')}</label>
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
                      {i18n.rich('navigation.move_up', { n: n + 1, hidden })}
                    </button>
                  )}
                  {n < rows.length - 1 && (
                    <button type="submit" name="do" value={`down:${n}`} class="button-secondary">
                      {i18n.rich('navigation.move_down', { n: n + 1, hidden })}
                    </button>
                  )}
                  <button type="submit" name="do" value={`remove:${n}`} class="button-secondary">
                    {i18n.rich('navigation.remove', { n: n + 1, hidden })}
                  </button>
                </div>
              </li>
            ))}
          </ol>
        )}
        <fieldset class="nav-add">
          <legend>{t('navigation.add_legend')}</legend>
          {err(`${list}_add`, `field-${list}_add`)}
          <div class="field">
            <label for={`field-${list}_add`}>{t('navigation.add_item')}</label>
            <select
              id={`field-${list}_add`}
              name="add_item"
              aria-describedby={errors[`${list}_add`] ? `field-${list}_add-error` : undefined}
            >
              <option value="" selected={add.item === ''}>
                {t('navigation.add_choose')}
              </option>
              <option value="link" selected={add.item === 'link'}>
                {t('navigation.add_link')}
              </option>
              <optgroup label={t('navigation.group_sections')}>
                {p.sections.map((s) => (
                  <option value={`section:${s.id}`} selected={add.item === `section:${s.id}`}>
                    {s.name}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t('navigation.group_pages')}>
                {p.pages.map((pg) => (
                  <option value={`page:${pg.id}`} selected={add.item === `page:${pg.id}`}>
                    {pg.headline}
                  </option>
                ))}
              </optgroup>
            </select>
          </div>
          <div class="field">
            <label for={id('add', 'label')}>{t('navigation.add_label')}</label>
            <input id={id('add', 'label')} name="add_label" value={add.label} maxLength={MAX_LABEL * 2} />
          </div>
          <div class="field">
            <label for={id('add', 'url')}>{t('navigation.add_url')}</label>
            <input id={id('add', 'url')} name="add_url" value={add.url} maxLength={1000} />
          </div>
          <button type="submit" name="do" value="add" class="button-secondary">
            {t('navigation.add_submit', { list })}
          </button>
        </fieldset>
        <div class="form-actions">
          <button type="submit" name="do" value="save">
            {t('navigation.save', { list })}
          </button>
          {p.saved[list] && (
            <button type="submit" name="do" value="reset" class="button-secondary">
              {t('navigation.reset')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

export function NavigationPage(p: NavigationPageProps) {
  const i18n = useI18n();
  return (
    <div class="admin-page">
      <AdminNav role={p.role} current="/admin/navigation" />
      <h1>{i18n.t('navigation.title')}</h1>
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      <p>
        {i18n.rich('navigation.page_intro', {
          link: (chunks: string[]) => <a href="/admin/pages">{chunks}</a>,
        })}
      </p>
      <ListForm list="header" p={p} />
      <ListForm list="footer" p={p} />
    </div>
  );
}
