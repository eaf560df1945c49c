/**
 * The campaign behind the bar on every page (this month of the site's time zone): one indexed row (its total is cached on write). When the
 * month has none and the publisher chose "carry the last goal", the month gets a copy of the latest
 * campaign once; the setting itself is re-read at most every few seconds, so a page view without a
 * campaign costs the same single query.
 */
import { siteMonth } from './site-month.js';
import type { Deps } from '../../deps.js';
import { findCampaignByMonth } from './campaign.repo.js';
import { carryOverCampaign } from './campaign.service.js';
import type { Campaign } from './campaign.types.js';
import { loadGivingSettings } from './giving-settings.js';

const SETTING_TTL_MS = 5_000;

export function createCampaignLoader(
  deps: Pick<Deps, 'db' | 'clock' | 'log' | 'config' | 'bus' | 'caches'>,
): (now: Date) => Promise<Campaign | null> {
  let carry: { at: number; on: boolean } | undefined;
  const carryOver = async (now: Date): Promise<boolean> => {
    const t = now.getTime();
    if (!carry || t - carry.at > SETTING_TTL_MS || t < carry.at)
      carry = { at: t, on: (await loadGivingSettings(deps.db.kysely)).carryOver };
    return carry.on;
  };
  // No earlier campaign to carry: remembered briefly so such page views stay at one query.
  let miss: { month: string; at: number } | undefined;
  return async (now) => {
    const month = await siteMonth(deps, now);
    const campaign = await findCampaignByMonth(deps.db.kysely, month);
    if (campaign) return campaign;
    if (!(await carryOver(now))) return null;
    if (miss && miss.month === month && now.getTime() - miss.at < SETTING_TTL_MS && now.getTime() >= miss.at)
      return null;
    try {
      const carried = await carryOverCampaign(deps, month);
      if (!carried) miss = { month, at: now.getTime() };
      return carried ?? null;
    } catch (err) {
      // A page must render even if the copy fails (e.g. a read-only replica): no bar this time.
      deps.log.warn({ err, month }, 'could not carry the last goal over');
      return null;
    }
  };
}
