/**
 * The campaign month is a month of the site's time zone (set in /admin/site): it begins and ends at local
 * midnight, so a gift at 00:30 on 1 July in Berlin (22:30 UTC on 30 June) counts towards July's goal.
 */
import type { Deps } from '../../deps.js';
import { monthIn } from '../../lib/time-zone.js';
import { readSiteIdentity } from '../../platform/site-identity.js';

export type MonthDeps = Pick<Deps, 'db' | 'config' | 'bus' | 'caches'>;

/** `YYYY-MM` of an instant in the site's time zone. */
export async function siteMonth(deps: MonthDeps, at: Date | string): Promise<string> {
  return monthIn(at, (await readSiteIdentity(deps)).timeZone);
}
