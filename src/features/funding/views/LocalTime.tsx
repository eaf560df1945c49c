import { isoWithOffset } from '../../../lib/time-zone.js';
import { useI18n } from '../../../web/i18n-context.js';

/**
 * A stored instant in the site's time zone and language: "June 14, 2026" / "14 juin 2026", or with `withTime` the
 * date and time with the zone's abbreviation. (The shared `<DateTime>` is English; this one follows the site.)
 */
export function LocalTime({ iso, withTime = false }: { iso: string; withTime?: boolean }) {
  const i18n = useI18n();
  return (
    <time datetime={isoWithOffset(iso, i18n.timeZone)} title={withTime ? undefined : i18n.dateTime(iso)}>
      {withTime ? i18n.dateTime(iso) : i18n.date(iso)}
    </time>
  );
}
