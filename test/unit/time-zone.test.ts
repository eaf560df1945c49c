import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  formatDate,
  formatDateTime,
  isoWithOffset,
  monthBounds,
  monthIn,
  parseLocalInput,
  toLocalInput,
  zoneAbbreviation,
} from '../../src/lib/time-zone.js';

const BERLIN = 'Europe/Berlin';
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('site time zone helpers', () => {
  it('accepts IANA names the runtime supports, in any case, and refuses anything else', () => {
    expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Asia/Kolkata')).not.toBeNull();
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeNull();
    expect(canonicalTimeZone('CEST')).toBeNull();
    expect(canonicalTimeZone('')).toBeNull();
  });

  it('shows dates in the zone with its abbreviation', () => {
    expect(formatDateTime('2026-06-14T09:30:00Z', BERLIN)).toBe('June 14, 2026, 11:30 AM CEST');
    expect(formatDateTime('2026-01-14T09:30:00Z', BERLIN)).toBe('January 14, 2026, 10:30 AM CET');
    expect(formatDateTime('2026-06-14T09:30:00Z', 'America/New_York')).toBe('June 14, 2026, 5:30 AM EDT');
    expect(formatDateTime('2026-06-14T09:30:00Z', 'UTC')).toBe('June 14, 2026, 9:30 AM UTC');
    expect(zoneAbbreviation('2026-06-14T09:30:00Z', 'Europe/London')).toBe('BST');
    expect(zoneAbbreviation('2026-06-14T09:30:00Z', 'Asia/Tokyo')).toBe('GMT+9');
    // The local day, not the UTC one.
    expect(formatDate('2026-06-14T23:30:00Z', BERLIN)).toBe('June 15, 2026');
    expect(formatDate('2026-06-14T23:30:00Z', 'UTC')).toBe('June 14, 2026');
  });

  it('writes the exact instant with the offset in force', () => {
    expect(isoWithOffset('2026-06-14T09:30:00.000Z', BERLIN)).toBe('2026-06-14T11:30:00+02:00');
    expect(isoWithOffset('2026-01-14T09:30:00.000Z', BERLIN)).toBe('2026-01-14T10:30:00+01:00');
    expect(isoWithOffset('2026-06-14T09:30:00.000Z', 'America/St_Johns')).toBe('2026-06-14T07:00:00-02:30');
    expect(isoWithOffset('2026-06-14T09:30:00.000Z', 'UTC')).toBe('2026-06-14T09:30:00+00:00');
  });

  it('reads a local time on an ordinary day and shows it back the same', () => {
    expect(iso(parseLocalInput('2026-06-14T09:30', BERLIN))).toBe('2026-06-14T07:30:00.000Z');
    expect(iso(parseLocalInput('2026-01-14T09:30', BERLIN))).toBe('2026-01-14T08:30:00.000Z');
    expect(toLocalInput('2026-06-14T07:30:00.000Z', BERLIN)).toBe('2026-06-14T09:30');
    expect(parseLocalInput('2026-02-30T09:30', BERLIN)).toBeNull();
    expect(parseLocalInput('2026-06-14T24:30', BERLIN)).toBeNull();
    expect(parseLocalInput('tomorrow', BERLIN)).toBeNull();
  });

  it('moves a time in the hour skipped in March forward by the gap', () => {
    // 29 March 2026: at 02:00 CET clocks go to 03:00 CEST; 02:30 does not exist in Berlin.
    expect(iso(parseLocalInput('2026-03-29T01:59', BERLIN))).toBe('2026-03-29T00:59:00.000Z');
    expect(iso(parseLocalInput('2026-03-29T02:00', BERLIN))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(parseLocalInput('2026-03-29T02:30', BERLIN))).toBe('2026-03-29T01:30:00.000Z');
    expect(toLocalInput('2026-03-29T01:30:00.000Z', BERLIN)).toBe('2026-03-29T03:30');
    expect(iso(parseLocalInput('2026-03-29T03:00', BERLIN))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(parseLocalInput('2026-03-29T03:30', BERLIN))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('takes the first of the two times of the hour repeated in October', () => {
    // 25 October 2026: at 03:00 CEST clocks go back to 02:00 CET; 02:30 happens twice in Berlin.
    expect(iso(parseLocalInput('2026-10-25T01:30', BERLIN))).toBe('2026-10-24T23:30:00.000Z');
    expect(iso(parseLocalInput('2026-10-25T02:30', BERLIN))).toBe('2026-10-25T00:30:00.000Z');
    expect(isoWithOffset('2026-10-25T00:30:00.000Z', BERLIN)).toBe('2026-10-25T02:30:00+02:00');
    // The second 02:30 (CET) is an hour later; it shows as 02:30 too, with the winter abbreviation.
    expect(formatDateTime('2026-10-25T01:30:00.000Z', BERLIN)).toBe('October 25, 2026, 2:30 AM CET');
    expect(iso(parseLocalInput('2026-10-25T03:30', BERLIN))).toBe('2026-10-25T02:30:00.000Z');
  });

  it('works the same for a zone west of UTC (New York, 8 March and 1 November 2026)', () => {
    expect(iso(parseLocalInput('2026-03-08T02:30', 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
    expect(iso(parseLocalInput('2026-11-01T01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
  });

  it('begins and ends a month at local midnight', () => {
    const june = monthBounds('2026-06', BERLIN);
    expect(june.start.toISOString()).toBe('2026-05-31T22:00:00.000Z');
    expect(june.end.toISOString()).toBe('2026-06-30T22:00:00.000Z');
    // March starts in winter time and ends in summer time.
    const march = monthBounds('2026-03', BERLIN);
    expect(march.start.toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(march.end.toISOString()).toBe('2026-03-31T22:00:00.000Z');
    expect(monthBounds('2026-12', 'UTC').end.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(monthIn('2026-06-30T22:30:00Z', BERLIN)).toBe('2026-07');
    expect(monthIn('2026-06-30T22:30:00Z', 'UTC')).toBe('2026-06');
    expect(monthIn('2026-07-01T03:00:00Z', 'America/Los_Angeles')).toBe('2026-06');
  });
});
