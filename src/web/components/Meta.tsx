import { useContext } from 'preact/hooks';
import { slugPath } from '../../lib/slug.js';
import { formatDate, formatDateTime, isoWithOffset } from '../../lib/time-zone.js';
import { TimeZoneContext } from '../time-zone-context.js';

/**
 * A stored instant in the site's time zone: "June 14, 2026" (the local day), or with `withTime` "June 14, 2026,
 * 11:30 AM CEST". The `datetime` attribute keeps the exact instant, with the zone's offset.
 */
export function DateTime({ iso, withTime = false }: { iso: string; withTime?: boolean }) {
  const zone = useContext(TimeZoneContext);
  return (
    <time datetime={isoWithOffset(iso, zone)} title={withTime ? undefined : formatDateTime(iso, zone)}>
      {withTime ? formatDateTime(iso, zone) : formatDate(iso, zone)}
    </time>
  );
}

/** A credited person: the name shown and their author page, if they have one. */
export interface BylineLink {
  name: string;
  slug: string | null;
}

export function Bylines({ bylines }: { bylines: BylineLink[] }) {
  if (bylines.length === 0) return null;
  return (
    <span class="bylines">
      By{' '}
      {bylines.map((b, i) => (
        <>
          {i > 0 && (i === bylines.length - 1 ? ' and ' : ', ')}
          {b.slug ? (
            <a href={slugPath('author', b.slug)} rel="author">
              {b.name}
            </a>
          ) : (
            b.name
          )}
        </>
      ))}
    </span>
  );
}
