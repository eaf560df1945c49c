/**
 * Reads behind the publisher's funding pages (/admin/campaigns, /admin/donations): what each page shows,
 * with the defaults of a new form. Writes live in campaign.service.ts and donation.service.ts.
 */
import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { iso } from '../../platform/clock.js';
import { dayIn } from '../../lib/time-zone.js';
import { readSiteIdentity } from '../../platform/site-identity.js';
import { siteMonth } from './site-month.js';
import { findCampaignById, findCampaignByMonth, listCampaigns } from './campaign.repo.js';
import { campaignToForm, type CampaignForm } from './campaign.service.js';
import type { Campaign } from './campaign.types.js';
import { findDonationById, listDonations, type DonationFilter } from './donation.repo.js';
import { offlineToForm, type OfflineForm } from './donation.service.js';
import type { Donation } from './donation.types.js';
import { amountRules, loadGivingSettings, type AmountRules, type GivingSettings } from './giving-settings.js';
import { isMonth } from './goal.js';
import { webhookHealth, type WebhookHealth } from './stripe-event.repo.js';

type ReadDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'bus' | 'caches'>;

export interface CampaignAdminData {
  campaigns: Campaign[];
  settings: GivingSettings;
  /** The amount rules shown beside the settings form, for the currency typed or this month's. */
  rules: { currency: string; rules: AmountRules };
}

/** The campaigns page; `typedCurrency` is the settings form's currency when it comes back with errors. */
export async function loadCampaignAdmin(deps: ReadDeps, typedCurrency?: string): Promise<CampaignAdminData> {
  const [campaigns, settings, month] = await Promise.all([
    listCampaigns(deps.db.kysely, 120),
    loadGivingSettings(deps.db.kysely),
    siteMonth(deps, deps.clock.now()),
  ]);
  const currency =
    typedCurrency?.trim().toUpperCase() ||
    campaigns.find((c) => c.month === month)?.currency ||
    settings.defaultCurrency;
  return {
    campaigns,
    settings,
    rules: {
      currency,
      rules: amountRules(settings, /^[A-Z]{3}$/.test(currency) ? currency : settings.defaultCurrency),
    },
  };
}

/** A new campaign's form: this month, in the default currency. */
export async function loadNewCampaign(deps: ReadDeps): Promise<CampaignForm> {
  const settings = await loadGivingSettings(deps.db.kysely);
  return {
    month: await siteMonth(deps, deps.clock.now()),
    goal: '',
    currency: settings.defaultCurrency,
    ticks: '',
    message: '',
  };
}

/** A campaign's edit form, or CAMPAIGN_NOT_FOUND. */
export async function loadCampaignForm(deps: ReadDeps, id: number): Promise<{ id: number; form: CampaignForm }> {
  const c = await findCampaignById(deps.db.kysely, id);
  if (!c) throw notFound('CAMPAIGN_NOT_FOUND', 'campaign');
  return { id: c.id, form: campaignToForm(c) };
}

/** The donations list's filters, from the page's query (anything unknown is no filter). */
export interface DonationQuery {
  month?: string;
  source?: string;
  status?: string;
  email?: string;
  before?: number;
}

export interface DonationAdminData {
  donations: Donation[];
  filter: DonationFilter;
  /** The `before` of the next page, or null on the last. */
  nextBefore: number | null;
}

export const DONATIONS_PAGE = 50;

/** One page of the donations list, newest first. */
export async function loadDonationAdmin(deps: ReadDeps, q: DonationQuery): Promise<DonationAdminData> {
  const filter: DonationFilter = {
    month: q.month && isMonth(q.month) ? q.month : undefined,
    source: q.source === 'stripe' || q.source === 'offline' ? q.source : undefined,
    status: (['confirmed', 'refunded', 'pending', 'cancelled'] as const).find((s) => s === q.status),
    email: q.email?.trim() || undefined,
  };
  const rows = await listDonations(deps.db.kysely, filter, DONATIONS_PAGE + 1, q.before);
  const donations = rows.slice(0, DONATIONS_PAGE);
  return {
    donations,
    filter,
    nextBefore: rows.length > DONATIONS_PAGE ? donations[donations.length - 1]!.id : null,
  };
}

/** The currency of the campaign of the month an offline gift's date falls in (the form's hint), if any. */
export async function offlineGiftCurrency(deps: ReadDeps, date: string): Promise<string | null> {
  const month = /^\d{4}-\d{2}/.test(date) ? date.slice(0, 7) : await siteMonth(deps, deps.clock.now());
  const campaign = await findCampaignByMonth(deps.db.kysely, month);
  return campaign?.currency ?? null;
}

/** A new offline gift's form: today, in this month's campaign currency (else the default one). */
export async function loadNewOfflineGift(deps: ReadDeps): Promise<OfflineForm> {
  const now = deps.clock.now();
  const { timeZone } = await readSiteIdentity(deps);
  const campaign = await findCampaignByMonth(deps.db.kysely, await siteMonth(deps, now));
  const currency = campaign?.currency ?? (await loadGivingSettings(deps.db.kysely)).defaultCurrency;
  return { date: dayIn(now, timeZone), amount: '', currency, method: 'bank' };
}

/** An offline gift's edit form, or GIFT_NOT_FOUND (online gifts are not edited here). */
export async function loadOfflineGift(deps: ReadDeps, id: number): Promise<{ id: number; form: OfflineForm }> {
  const d = await findDonationById(deps.db.kysely, id);
  if (!d || d.source !== 'offline') throw notFound('GIFT_NOT_FOUND', 'offline gift');
  return { id: d.id, form: offlineToForm(d, (await readSiteIdentity(deps)).timeZone) };
}

/** The Stripe webhook's health over the last day. */
export async function loadWebhookHealth(deps: ReadDeps): Promise<WebhookHealth> {
  const since = iso(new Date(deps.clock.now().getTime() - 86_400_000));
  return webhookHealth(deps.db.kysely, since);
}
