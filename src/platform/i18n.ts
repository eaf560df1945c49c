/**
 * The site's language. Every text a reader, an editor or a mail recipient reads is a message in the catalogues
 * under `locales/<lang>/<namespace>.json` (flat keys; the file's name is the key's first part, so
 * `locales/fr/discussion.json`'s `comment_count` is `discussion.comment_count`), written in ICU MessageFormat
 * (plurals, selects, dates, numbers) and formatted by `@formatjs/intl`. Dates go through src/lib/time-zone.ts in
 * the site's zone, numbers and money through `Intl` in the site's locale.
 *
 * The publisher chooses the language in /admin/site (SITE_LOCALE is the default); it is part of the site
 * identity, so every process hears a change on the event bus and the next page, feed or mail is in it.
 *
 * Keys whose last part starts with `js_` are also sent to the browser's scripts (public/js/i18n.js), in the page.
 *
 * test/unit/i18n-catalogues.test.ts checks that every shipped language has exactly English's keys with the same
 * arguments and the plural forms its language needs, and that every key the code names exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import type { ComponentChildren } from 'preact';
import { isMessage, type Message, type MessageValues, type Text } from '../lib/message.js';
import { formatMoney } from '../lib/money.js';
import { formatDate, formatDateTime, formatMonth } from '../lib/time-zone.js';

/** The languages Broadsheet ships, in the order the settings form lists them. */
export const LOCALES = [
  { code: 'en', name: 'English', intl: 'en-US', dir: 'ltr' },
  { code: 'fr', name: 'Français', intl: 'fr-FR', dir: 'ltr' },
  { code: 'ar', name: 'العربية', intl: 'ar', dir: 'rtl' },
] as const;

export type LocaleCode = (typeof LOCALES)[number]['code'];
export const DEFAULT_LOCALE: LocaleCode = 'en';

export function isLocale(x: unknown): x is LocaleCode {
  return LOCALES.some((l) => l.code === x);
}

export const LOCALES_DIR = new URL('../../locales/', import.meta.url);

export type Catalogue = Record<string, string>;

/** Reads `locales/<code>/*.json` into one flat catalogue (exported for the catalogue tests). */
export function readCatalogue(code: string): Catalogue {
  const dir = new URL(`${code}/`, LOCALES_DIR);
  const out: Catalogue = {};
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.json')) continue;
    const namespace = file.slice(0, -'.json'.length);
    const entries = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Record<string, unknown>;
    for (const [k, v] of Object.entries(entries)) {
      if (typeof v !== 'string') throw new Error(`locales/${code}/${file}: ${k} is not a string`);
      out[`${namespace}.${k}`] = v;
    }
  }
  return out;
}

let catalogues: Map<string, Catalogue> | undefined;
/** Every shipped catalogue, read once per process; a language's missing keys fall back to English. */
function catalogue(code: LocaleCode): Catalogue {
  if (!catalogues) {
    const en = readCatalogue('en');
    catalogues = new Map(LOCALES.map((l) => [l.code, l.code === 'en' ? en : { ...en, ...readCatalogue(l.code) }]));
  }
  return catalogues.get(code)!;
}

/** A key no catalogue has is a programming error: tests fail on it, production shows the key and logs once. */
const strict = process.env.NODE_ENV === 'test' || process.env.VITEST !== undefined;
const reported = new Set<string>();

export interface I18n {
  readonly locale: LocaleCode;
  /** The BCP 47 tag `Intl` formats with (en-US, fr-FR, ar). */
  readonly intlLocale: string;
  readonly dir: 'ltr' | 'rtl';
  readonly timeZone: string;
  /** The message `key` with `values`: `t('common.footer_default', { site: 'The Ledger' })` → "The Ledger is funded by its readers.". */
  t(key: string, values?: MessageValues): string;
  /** A message with markup: tags in the message (`<link>…</link>`) become what `values.link(chunks)` returns. */
  rich(key: string, values: Record<string, unknown>): ComponentChildren;
  /** A message or a text already written out (a person's name, their own words). */
  text(x: Text): string;
  /** The local day: "June 14, 2026" / "14 juin 2026". */
  date(iso: string | Date): string;
  /** The local date and time with the zone's abbreviation. */
  dateTime(iso: string | Date, style?: 'long' | 'medium'): string;
  /** A `YYYY-MM` month by name. */
  month(month: string): string;
  number(n: number, options?: Intl.NumberFormatOptions): string;
  /** Integer minor units in their currency. */
  money(minor: number, currency: string): string;
  /** "A, B and C" in the language's way. */
  list(items: string[], type?: 'conjunction' | 'disjunction'): string;
  /** The keys sent to the browser (`…js_…`), formatted by public/js/i18n.js. */
  clientMessages(): Catalogue;
}

const intlCache = createIntlCache();
const instances = new Map<string, I18n>();

/** The site's language in its time zone; one instance per pair, shared by every request. */
export function i18nFor(locale: string, timeZone: string): I18n {
  const code: LocaleCode = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const id = `${code}|${timeZone}`;
  let i18n = instances.get(id);
  if (!i18n) {
    i18n = createI18n(code, timeZone);
    if (instances.size > 200) instances.clear();
    instances.set(id, i18n);
  }
  return i18n;
}

function createI18n(code: LocaleCode, timeZone: string): I18n {
  const spec = LOCALES.find((l) => l.code === code)!;
  const messages = catalogue(code);
  const intl: IntlShape<string> = createIntl(
    { locale: spec.intl, messages, timeZone, defaultLocale: spec.intl, onError: () => {} },
    intlCache,
  );
  const check = (key: string) => {
    if (Object.hasOwn(messages, key)) return true;
    if (strict) throw new Error(`No message "${key}" in locales/en`);
    if (!reported.has(key)) {
      reported.add(key);
      console.error(`i18n: no message "${key}"`);
    }
    return false;
  };
  let client: Catalogue | undefined;
  const self: I18n = {
    locale: code,
    intlLocale: spec.intl,
    dir: spec.dir,
    timeZone,
    t(key, values) {
      if (!check(key)) return key;
      return intl.formatMessage({ id: key }, values as Record<string, string | number | boolean | Date | null>);
    },
    rich(key, values) {
      if (!check(key)) return key;
      return intl.formatMessage({ id: key }, values as never) as ComponentChildren;
    },
    text(x) {
      return isMessage(x) ? self.t(x.key, x.values) : x;
    },
    date: (iso) => formatDate(iso, timeZone, spec.intl),
    dateTime: (iso, style) => formatDateTime(iso, timeZone, style, spec.intl),
    month: (m) => formatMonth(m, spec.intl),
    number: (n, options) => intl.formatNumber(n, options),
    money: (minor, currency) => formatMoney(minor, currency, spec.intl),
    list: (items, type = 'conjunction') => intl.formatList(items, { type }),
    clientMessages() {
      client ??= Object.fromEntries(Object.entries(messages).filter(([k]) => /\.js_[^.]*$/.test(k)));
      return client;
    },
  };
  return self;
}

/** Translates a thrown or returned message in English, for logs and for `Error.message`. */
export function english(x: Text): string {
  return i18nFor(DEFAULT_LOCALE, 'UTC').text(x);
}

export type { Message };
