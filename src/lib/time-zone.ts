/**
 * Times in the site's time zone (an IANA name such as `Europe/Berlin`). Timestamps are stored as ISO-8601 UTC;
 * this module is the one place they are turned into what a person reads (pages, mails, the admin), into the
 * local `datetime-local` value an editor types, and back. Everything goes through `Intl.DateTimeFormat`.
 *
 * Local time to an instant (`zonedToUtc`), across daylight-saving changes:
 * - a local time that does not exist (the hour skipped when clocks go forward: 02:30 in Berlin on the last
 *   Sunday of March) is read with the offset before the change, i.e. moved forward by the gap (02:30 → 03:30
 *   CEST, 01:30 UTC);
 * - a local time that happens twice (the hour repeated when clocks go back: 02:30 in Berlin on the last Sunday
 *   of October) is the first of the two, still in summer time (02:30 CEST, 00:30 UTC).
 * This is the rule of JavaScript's Temporal (`disambiguation: 'compatible'`) and of java.time.
 */

export const DEFAULT_TIME_ZONE = 'UTC';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

// Formatters are costly to build and pure: one per zone and style, shared by every request.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, key: string, options: Intl.DateTimeFormatOptions, locale = 'en-US') {
  const id = `${locale}|${zone}|${key}`;
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    formatters.set(id, f);
  }
  return f;
}

let zoneNames: Map<string, string> | undefined;
/** Lower-case name → the name as the runtime spells it, for every zone it supports. */
function supportedZones(): Map<string, string> {
  zoneNames ??= new Map([...Intl.supportedValuesOf('timeZone'), 'UTC'].map((z) => [z.toLowerCase(), z]));
  return zoneNames;
}

/**
 * The zone's name as the runtime spells it when `name` is one it supports (`Intl.supportedValuesOf('timeZone')`,
 * plus `UTC`, and the current names of renamed zones, e.g. `Asia/Kolkata` for `Asia/Calcutta`); else null.
 */
export function canonicalTimeZone(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 64) return null;
  const known = supportedZones().get(trimmed.toLowerCase());
  if (known) return known;
  try {
    // An alias the list leaves out resolves to a listed zone; keep the name the publisher typed.
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
    return supportedZones().has(resolved.toLowerCase()) ? trimmed : null;
  } catch {
    return null;
  }
}

/** Every zone the runtime supports, for the settings form's suggestions. */
export function timeZoneNames(): string[] {
  return [...supportedZones().values()].sort();
}

/** Offset of `zone` from UTC at instant `ms`, in minutes (Berlin in summer: 120). */
export function offsetMinutes(ms: number, zone: string): number {
  const name =
    formatter(zone, 'offset', { timeZoneName: 'longOffset' })
      .formatToParts(new Date(ms))
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU'];
/**
 * The zone's short name at that instant: `CEST`, `EDT`, `BST`, `IST`, `AEST`, `UTC`, or `GMT+9` where no English
 * abbreviation exists. Each English locale knows the abbreviations of its own region, so they are asked in turn.
 */
export function zoneAbbreviation(iso: string | Date, zone: string): string {
  const d = new Date(iso);
  let first: string | undefined;
  for (const locale of ABBREVIATION_LOCALES) {
    const name = formatter(zone, 'abbr', { timeZoneName: 'short' }, locale)
      .formatToParts(d)
      .find((p) => p.type === 'timeZoneName')?.value;
    if (!name) continue;
    first ??= name;
    if (!/^GMT[+-]/.test(name)) return name;
  }
  return first ?? zone;
}

/** "June 14, 2026": the local day. */
export function formatDate(iso: string | Date, zone: string, locale = 'en-US'): string {
  return formatter(zone, 'date', { year: 'numeric', month: 'long', day: 'numeric' }, locale).format(new Date(iso));
}

/** "June 14, 2026, 11:30 AM CEST": the local date and time with the zone's abbreviation. */
export function formatDateTime(
  iso: string | Date,
  zone: string,
  style: 'long' | 'medium' = 'long',
  locale = 'en-US',
): string {
  const d = new Date(iso);
  const dateOptions: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: style === 'long' ? 'long' : 'short',
    day: 'numeric',
  };
  const timeOptions: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
  if (locale !== 'en-US') {
    // The language joins date and time its own way ("14 juin 2026 à 11:30"); the abbreviation follows.
    const both = formatter(zone, `datetime-${style}`, { ...dateOptions, ...timeOptions }, locale);
    return `${both.format(d)} ${zoneAbbreviation(d, zone)}`;
  }
  const date = formatter(zone, `date-${style}`, dateOptions, locale);
  const time = formatter(zone, 'time', timeOptions, locale);
  return `${date.format(d)}, ${time.format(d)} ${zoneAbbreviation(d, zone)}`;
}

/** "June 2026": a campaign or archive month (`YYYY-MM`) by name. */
export function formatMonth(month: string, locale = 'en-US'): string {
  return formatter('UTC', 'month', { year: 'numeric', month: 'long' }, locale).format(
    new Date(`${month}-15T12:00:00Z`),
  );
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(ms: number, zone: string): LocalParts {
  const parts = formatter(zone, 'parts', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * The instant an exact time carries, with the zone's offset at that instant: `2026-06-14T11:30:00+02:00`. For
 * `<time datetime>`, feeds and the API (RFC 3339).
 */
export function isoWithOffset(iso: string | Date, zone: string): string {
  const ms = new Date(iso).getTime();
  const p = localParts(ms, zone);
  const off = offsetMinutes(ms, zone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `YYYY-MM-DDTHH:mm` of an instant in the zone: the value of a `datetime-local` field. */
export function toLocalInput(iso: string | Date, zone: string): string {
  const p = localParts(new Date(iso).getTime(), zone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * The instant of a local wall-clock time in the zone (see the rule for skipped and repeated times above).
 * Fields are as written (month 1–12); returns a Date.
 */
export function zonedToUtc(
  local: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  zone: string,
): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour ?? 0, local.minute ?? 0, local.second ?? 0);
  // At most one change of offset lies within a day of any time, so the offsets a day before and after are
  // the only two this wall time can have.
  const before = offsetMinutes(wall - DAY, zone);
  const after = offsetMinutes(wall + DAY, zone);
  const candidates = [...new Set([wall - before * MINUTE, wall - after * MINUTE])].sort((a, b) => a - b);
  // Valid when that instant, read back in the zone, is the wall time: both are for a repeated hour (take the first).
  const valid = candidates.find((t) => t + offsetMinutes(t, zone) * MINUTE === wall);
  // None is valid in the gap of a skipped hour: the offset before the change moves it forward by the gap.
  return new Date(valid ?? wall - before * MINUTE);
}

/** Reads a `datetime-local` value ("2026-06-14T09:30", seconds optional) as a local time in the zone; null if malformed or not a date. */
export function parseLocalInput(value: string, zone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (
    Number.isNaN(probe.getTime()) ||
    probe.getUTCDate() !== day ||
    probe.getUTCMonth() !== month - 1 ||
    probe.getUTCHours() !== hour ||
    probe.getUTCMinutes() !== minute
  )
    return null;
  return zonedToUtc({ year, month, day, hour, minute, second }, zone);
}

/** `YYYY-MM` of an instant in the zone: the campaign month a moment belongs to. */
export function monthIn(iso: string | Date, zone: string): string {
  const p = localParts(new Date(iso).getTime(), zone);
  return `${pad(p.year, 4)}-${pad(p.month)}`;
}

/** `YYYY-MM-DD` of an instant in the zone. */
export function dayIn(iso: string | Date, zone: string): string {
  const p = localParts(new Date(iso).getTime(), zone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** When a month (`YYYY-MM`) begins and ends in the zone: local midnight of its first day and of the next month's. */
export function monthBounds(month: string, zone: string): { start: Date; end: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? { year: y + 1, month: 1 } : { year: y, month: m + 1 };
  return { start: zonedToUtc({ year: y, month: m, day: 1 }, zone), end: zonedToUtc({ ...next, day: 1 }, zone) };
}
