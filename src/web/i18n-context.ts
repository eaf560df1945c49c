/**
 * The site's language for the page being rendered. The shell provides it around every page (from the site
 * identity it already loads for the layout), so any component says `const { t } = useI18n()` without every view
 * passing it down. Rendering outside a page (a fragment, a mail) provides one too (`withI18n`), or gets English in
 * the site's default zone.
 */
import { createContext, h, type ComponentChildren, type VNode } from 'preact';
import { useContext } from 'preact/hooks';
import { DEFAULT_LOCALE, i18nFor, type I18n } from '../platform/i18n.js';
import { DEFAULT_TIME_ZONE } from '../lib/time-zone.js';
import { TimeZoneContext } from './time-zone-context.js';

export const I18nContext = createContext<I18n>(i18nFor(DEFAULT_LOCALE, DEFAULT_TIME_ZONE));

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** `children` rendered in `i18n`'s language and time zone. */
export function withI18n(i18n: I18n, children: ComponentChildren): VNode {
  return h(
    I18nContext.Provider,
    { value: i18n },
    h(TimeZoneContext.Provider, { value: i18n.timeZone }, children as VNode),
  ) as VNode;
}
