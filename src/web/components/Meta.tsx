import { useContext } from 'preact/hooks';
import { useI18n } from '../i18n-context.js';
import { TimeZoneContext } from '../time-zone-context.js';
import { slugPath } from '../../lib/slug.js';
import { formatDate, formatDateTime, isoWithOffset } from '../../lib/time-zone.js';

/**
 * A stored instant in the site's time zone and language: "June 14, 2026" (the local day), or with `withTime`
 * "June 14, 2026, 11:30 AM CEST". The `datetime` attribute keeps the exact instant, with the zone's offset.
 */
export function DateTime({ iso, withTime = false }: { iso: string; withTime?: boolean }) {
  // The zone from its own context: a fragment rendered outside a page (the comments embed) provides only that.
  const zone = useContext(TimeZoneContext);
  const { intlLocale } = useI18n();
  const full = formatDateTime(iso, zone, 'long', intlLocale);
  return (
    <time datetime={isoWithOffset(iso, zone)} title={withTime ? undefined : full}>
      {withTime ? full : formatDate(iso, zone, intlLocale)}
    </time>
  );
}

/** A credited person: the name shown and their author page, if they have one. */
export interface BylineLink {
  name: string;
  slug: string | null;
}

/** The house style in English has no comma before "and" ("A, B and C"), which is en-GB's list. */
const listLocale = (code: string, intlLocale: string) => (code === 'en' ? 'en-GB' : intlLocale);

/** "By A, B and C", each name linking to its author page, joined the way the site's language joins a list. */
export function Bylines({ bylines }: { bylines: BylineLink[] }) {
  const i18n = useI18n();
  if (bylines.length === 0) return null;
  const parts = new Intl.ListFormat(listLocale(i18n.locale, i18n.intlLocale), { type: 'conjunction' }).formatToParts(
    bylines.map((_, i) => String(i)),
  );
  const names = parts.map((p) => {
    if (p.type === 'literal') return p.value;
    const b = bylines[Number(p.value)]!;
    return b.slug ? (
      <a href={slugPath('author', b.slug)} rel="author">
        {b.name}
      </a>
    ) : (
      b.name
    );
  });
  return <span class="bylines">{i18n.rich('articles.byline', { names: <>{names}</> })}</span>;
}
