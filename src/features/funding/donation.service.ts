/**
 * Giving: starting a checkout for a reader's gift, and the publisher's offline gifts. Online gifts are
 * recorded only by the webhook (webhook.service.ts); this file never marks a payment as paid.
 */
import { siteMonth } from './site-month.js';
import { readSiteIdentity, siteI18n } from '../../platform/site-identity.js';
import { AppError } from '../../errors.js';
import { iso } from '../../platform/clock.js';
import { dayIn, zonedToUtc } from '../../lib/time-zone.js';
import { sha256 } from '../../lib/crypto.js';
import { formatMajorPlain, isKnownCurrency, parseMajorAmount } from '../../lib/money.js';
import { msg, type Message } from '../../lib/message.js';
import type { I18n } from '../../platform/i18n.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { findCampaignByMonth, refreshCampaignTotals } from './campaign.repo.js';
import type { Deps } from '../../deps.js';
import { publishGoal, type FundingDeps } from './campaign.service.js';
import type { Campaign } from './campaign.types.js';
import {
  deleteOfflineGift,
  findDonationById,
  findDonationByIdempotencyKey,
  insertOfflineGift,
  updateOfflineGift,
  withdrawFromWall,
  type OfflineGiftInput,
} from './donation.repo.js';
import { OFFLINE_METHODS, type Donation, type DonorChoices, type Frequency } from './donation.types.js';
import { amountRules, loadGivingSettings, type AmountRules } from './giving-settings.js';
import { PaymentServiceError } from './payment-provider.js';
import { isUniqueViolation } from '../../db/dialect.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { announceGoal, type FundingHooks } from './funding.hooks.js';

export const NAME_MAX = 80;
export const PUBLIC_MESSAGE_MAX = 280;
const EMAIL_RE = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

/** What the donation page needs: currency, amounts, campaign, and whether online giving is set up. */
export interface GivingOptions {
  currency: string;
  rules: AmountRules;
  offlineInstructions: string;
}

export async function givingOptions(
  deps: Pick<FundingDeps, 'db' | 'clock' | 'config' | 'bus' | 'caches'>,
): Promise<GivingOptions> {
  const [settings, campaign] = await Promise.all([
    loadGivingSettings(deps.db.kysely),
    findCampaignByMonth(deps.db.kysely, await siteMonth(deps, deps.clock.now())),
  ]);
  const currency = campaign?.currency ?? settings.defaultCurrency;
  return { currency, rules: amountRules(settings, currency), offlineInstructions: settings.offlineInstructions };
}

/** The donate page: this month's campaign (the bar) and what may be given. */
export async function loadDonatePage(
  deps: Pick<FundingDeps, 'db' | 'clock' | 'config' | 'bus' | 'caches'>,
): Promise<{ options: GivingOptions; campaign: Campaign | null }> {
  const [options, campaign] = await Promise.all([
    givingOptions(deps),
    findCampaignByMonth(deps.db.kysely, await siteMonth(deps, deps.clock.now())),
  ]);
  return { options, campaign: campaign ?? null };
}

/** The donation form as posted. `amount` is a preset (minor units) or "custom". */
export interface DonateForm {
  frequency: string;
  amount?: string;
  customAmount?: string;
  email: string;
  publicName?: string;
  publicMessage?: string;
  wallConsent?: string;
  badge?: string;
  /** Random per rendered form: a double submit reuses the same Stripe session. */
  nonce: string;
}

export interface ParsedGift {
  frequency: Frequency;
  amountMinor: number;
  currency: string;
  email: string;
  donor: DonorChoices;
}

/** Validates a donation; every problem at once, by field, with amounts shown in the currency. */
export function parseDonateForm(form: DonateForm, opts: GivingOptions, i18n: Pick<I18n, 'money'>): ParsedGift {
  const fields: Record<string, Message> = {};
  const { currency, rules } = opts;
  const frequency = form.frequency === 'monthly' ? 'monthly' : form.frequency === 'one_off' ? 'one_off' : null;
  if (!frequency) fields.frequency = msg('funding.donate_error_frequency');
  let amountMinor: number | null = null;
  // A typed amount wins over a preset left selected (without JavaScript nothing unticks the preset).
  if (form.amount && form.amount !== 'custom' && !(form.customAmount ?? '').trim()) {
    amountMinor =
      /^\d{1,12}$/.test(form.amount) && rules.presets.includes(Number(form.amount)) ? Number(form.amount) : null;
    if (amountMinor === null) fields.amount = msg('funding.donate_error_preset');
  } else {
    amountMinor = parseMajorAmount(form.customAmount ?? '', currency);
    if (amountMinor === null)
      fields.amount = msg('funding.donate_error_amount', {
        currency,
        example: formatMajorPlain(rules.presets[1] ?? rules.minMinor, currency),
      });
  }
  if (amountMinor !== null && !fields.amount && (amountMinor < rules.minMinor || amountMinor > rules.maxMinor)) {
    // Amounts written in the site's language now: a message's values are shown as they are.
    fields.amount = msg('funding.donate_error_range', {
      min: i18n.money(rules.minMinor, currency),
      max: i18n.money(rules.maxMinor, currency),
    });
  }
  const email = form.email.trim().toLowerCase();
  if (!EMAIL_RE.test(email) || email.length > 254) fields.email = msg('funding.donate_error_email');
  const publicName = (form.publicName ?? '').trim();
  const publicMessage = (form.publicMessage ?? '').trim();
  if (publicName.length > NAME_MAX) fields.publicName = msg('funding.error_name_length', { max: NAME_MAX });
  if (publicMessage.length > PUBLIC_MESSAGE_MAX)
    fields.publicMessage = msg('funding.error_message_length', { max: PUBLIC_MESSAGE_MAX });
  const wallConsent = form.wallConsent === 'yes';
  if ((publicName || publicMessage) && !wallConsent) fields.wallConsent = msg('funding.donate_error_wall_consent');
  if (Object.keys(fields).length > 0)
    throw new AppError('DONATION_AMOUNT_INVALID', msg('funding.error_correct_fields'), { fields });
  return {
    frequency: frequency!,
    amountMinor: amountMinor!,
    currency,
    email,
    donor: {
      publicName: wallConsent && publicName ? publicName : null,
      publicMessage: wallConsent && publicMessage ? publicMessage : null,
      wallConsent,
      badge: form.badge === 'yes',
    },
  };
}

/** Starts a Stripe Checkout for the gift and returns the payment page to redirect to. */
export async function startCheckout(deps: FundingDeps & Pick<Deps, 'payments'>, form: DonateForm): Promise<string> {
  const provider = deps.payments;
  if (!provider.canCharge) throw new AppError('GIVING_NOT_CONFIGURED', msg('funding.error_giving_off'));
  const site = await readSiteIdentity(deps);
  const i18n = siteI18n(site);
  const gift = parseDonateForm(form, await givingOptions(deps), i18n);
  const { siteUrl } = deps.config;
  const siteName = site.name;
  const key = sha256(JSON.stringify([form.nonce, gift]));
  try {
    const session = await provider.createCheckout({
      ...gift,
      // Shown on Stripe's payment page, in the site's language.
      description: i18n.t('funding.checkout_description', { frequency: gift.frequency, site: siteName }),
      successUrl: `${siteUrl}/donate/thanks?session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${siteUrl}/donate?cancelled=1`,
      idempotencyKey: `bs-checkout-${key.slice(0, 40)}`,
    });
    return session.url;
  } catch (err) {
    if (err instanceof PaymentServiceError) {
      deps.log.error({ detail: err.detail }, 'checkout could not start');
      throw new AppError('PAYMENT_UNAVAILABLE', msg('funding.error_payment_unavailable_checkout'), { cause: err });
    }
    throw err;
  }
}

/** The offline gift form as typed. */
export interface OfflineForm {
  date: string;
  amount: string;
  currency: string;
  method: string;
  note?: string;
  publicName?: string;
  publicMessage?: string;
  wallConsent?: string;
}

/** `timeZone`: the site's; the date typed is a day there, and its month is the campaign month the gift counts towards. */
export function parseOfflineForm(form: OfflineForm, now: Date, timeZone: string): OfflineGiftInput {
  const fields: Record<string, Message> = {};
  const date = form.date.trim();
  const when = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00.000Z`) : null;
  if (!when || Number.isNaN(when.getTime()) || iso(when).slice(0, 10) !== date)
    fields.date = msg('funding.offline_error_date');
  // The date is a day of the site's time zone: one after today's there could land in next month's bar.
  else if (date > dayIn(now, timeZone)) fields.date = msg('funding.offline_error_future');
  const currency = form.currency.trim().toUpperCase();
  if (!isKnownCurrency(currency)) fields.currency = msg('funding.error_currency_code');
  const amountMinor = fields.currency ? null : parseMajorAmount(form.amount, currency);
  if (!fields.currency && (amountMinor === null || amountMinor <= 0))
    fields.amount = msg('funding.offline_error_amount', { currency });
  if (!(OFFLINE_METHODS as readonly string[]).includes(form.method))
    fields.method = msg('funding.offline_error_method');
  const note = (form.note ?? '').trim();
  const publicName = (form.publicName ?? '').trim();
  const publicMessage = (form.publicMessage ?? '').trim();
  if (note.length > 1000) fields.note = msg('funding.offline_error_note', { max: 1000 });
  if (publicName.length > NAME_MAX) fields.publicName = msg('funding.error_name_length', { max: NAME_MAX });
  if (publicMessage.length > PUBLIC_MESSAGE_MAX)
    fields.publicMessage = msg('funding.error_message_length', { max: PUBLIC_MESSAGE_MAX });
  if (Object.keys(fields).length > 0)
    throw new AppError('OFFLINE_GIFT_INVALID', msg('funding.error_correct_fields'), { fields });
  return {
    // Noon of that day in the site's zone, so the date shows as typed wherever the zone lies.
    donatedAt: iso(
      zonedToUtc(
        { year: when!.getUTCFullYear(), month: when!.getUTCMonth() + 1, day: when!.getUTCDate(), hour: 12 },
        timeZone,
      ),
    ),
    month: date.slice(0, 7),
    amountMinor: amountMinor!,
    currency,
    method: form.method,
    note: note || null,
    publicName: publicName || null,
    publicMessage: publicMessage || null,
    wallConsent: form.wallConsent === 'yes',
  };
}

export function offlineToForm(d: Donation, timeZone: string): OfflineForm {
  return {
    date: dayIn(d.donatedAt, timeZone),
    amount: formatMajorPlain(d.amountMinor, d.currency),
    currency: d.currency,
    method: d.method,
    note: d.note ?? '',
    publicName: d.publicName ?? '',
    publicMessage: d.publicMessage ?? '',
    wallConsent: d.wallConsent ? 'yes' : '',
  };
}

const auditView = (
  d: Pick<
    Donation,
    'donatedAt' | 'amountMinor' | 'currency' | 'method' | 'note' | 'publicName' | 'publicMessage' | 'wallConsent'
  >,
) => ({
  donatedAt: d.donatedAt,
  amountMinor: d.amountMinor,
  currency: d.currency,
  method: d.method,
  note: d.note,
  publicName: d.publicName,
  publicMessage: d.publicMessage,
  wallConsent: d.wallConsent,
});

async function findOffline(trx: Parameters<typeof findDonationById>[0], id: number): Promise<Donation> {
  const d = await findDonationById(trx, id);
  if (!d) throw new AppError('GIFT_NOT_FOUND', msg('funding.error_gift_not_found'));
  if (d.source !== 'offline') throw new AppError('GIFT_ONLINE_READONLY', msg('funding.error_gift_online_readonly'));
  return d;
}

/** A new offline gift: the month's total, and what others hear of it (donation received, goal reached). */
async function announceOfflineGift(
  trx: Kysely<Database>,
  hooks: FundingHooks,
  id: number,
  input: OfflineGiftInput,
  now: Date,
): Promise<void> {
  const totals = await refreshCampaignTotals(trx, input.month, iso(now));
  await hooks.donationReceived.run(trx, {
    donationId: id,
    month: input.month,
    amountMinor: input.amountMinor,
    currency: input.currency,
    frequency: 'one_off',
    source: 'offline',
    now,
  });
  await announceGoal(trx, hooks, input.month, totals, now);
}

export async function addOfflineGift(deps: FundingDeps, form: OfflineForm, actorId: number): Promise<number> {
  const now = deps.clock.now();
  const input = parseOfflineForm(form, now, (await readSiteIdentity(deps)).timeZone);
  const id = await deps.db.kysely.transaction().execute(async (trx) => {
    const id = await insertOfflineGift(trx, input, actorId, iso(now));
    await announceOfflineGift(trx, deps.hooks.funding, id, input, now);
    await recordAudit(
      trx,
      {
        actorUserId: actorId,
        action: 'donation.offline.create',
        subjectType: 'donation',
        subjectId: id,
        after: auditView(input),
      },
      now,
    );
    return id;
  });
  await publishGoal(deps, [input.month]);
  return id;
}

/**
 * An offline gift sent by a program (the Admin API) with an idempotency key: the first request records it
 * as addOfflineGift does; a retry with the same key and the same gift returns that gift (`replayed`)
 * and counts nothing again; the same key with another gift is refused. The unique index on the key
 * decides between two concurrent retries: the loser's transaction fails and it reads the winner's gift.
 */
export async function addOfflineGiftOnce(
  deps: FundingDeps,
  form: OfflineForm,
  actorId: number,
  idempotencyKey: string,
): Promise<{ gift: Donation; replayed: boolean }> {
  const now = deps.clock.now();
  const input = parseOfflineForm(form, now, (await readSiteIdentity(deps)).timeZone);
  const replay = async (): Promise<{ gift: Donation; replayed: boolean } | undefined> => {
    const earlier = await findDonationByIdempotencyKey(deps.db.kysely, idempotencyKey);
    if (!earlier) return undefined;
    if (JSON.stringify(auditView(earlier)) !== JSON.stringify(auditView(input)))
      throw new AppError('IDEMPOTENCY_KEY_REUSED', msg('funding.error_idempotency_reused'));
    return { gift: earlier, replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  let id: number;
  try {
    id = await deps.db.kysely.transaction().execute(async (trx) => {
      const id = await insertOfflineGift(trx, input, actorId, iso(now), idempotencyKey);
      await announceOfflineGift(trx, deps.hooks.funding, id, input, now);
      await recordAudit(
        trx,
        {
          actorUserId: actorId,
          action: 'donation.offline.create',
          subjectType: 'donation',
          subjectId: id,
          after: { ...auditView(input), via: 'api' },
        },
        now,
      );
      return id;
    });
  } catch (err) {
    const raced = isUniqueViolation(err) ? await replay() : undefined;
    if (raced) return raced;
    throw err;
  }
  await publishGoal(deps, [input.month]);
  return { gift: (await findDonationById(deps.db.kysely, id))!, replayed: false };
}

export async function editOfflineGift(
  deps: FundingDeps,
  id: number,
  form: OfflineForm,
  actorId: number,
): Promise<void> {
  const now = deps.clock.now();
  const input = parseOfflineForm(form, now, (await readSiteIdentity(deps)).timeZone);
  const months = await deps.db.kysely.transaction().execute(async (trx) => {
    const before = await findOffline(trx, id);
    await updateOfflineGift(trx, id, input, iso(now));
    const months = [...new Set([before.month, input.month])].sort();
    for (const m of months)
      await announceGoal(trx, deps.hooks.funding, m, await refreshCampaignTotals(trx, m, iso(now)), now);
    await recordAudit(
      trx,
      {
        actorUserId: actorId,
        action: 'donation.offline.update',
        subjectType: 'donation',
        subjectId: id,
        before: auditView(before),
        after: auditView(input),
      },
      now,
    );
    return months;
  });
  await publishGoal(deps, months);
}

export async function removeOfflineGift(deps: FundingDeps, id: number, actorId: number): Promise<void> {
  const now = deps.clock.now();
  const month = await deps.db.kysely.transaction().execute(async (trx) => {
    const before = await findOffline(trx, id);
    await deleteOfflineGift(trx, id);
    await refreshCampaignTotals(trx, before.month, iso(now));
    await recordAudit(
      trx,
      {
        actorUserId: actorId,
        action: 'donation.offline.delete',
        subjectType: 'donation',
        subjectId: id,
        before: auditView(before),
      },
      now,
    );
    return before.month;
  });
  await publishGoal(deps, [month]);
}

/**
 * Takes any gift, online or offline, off the public donor wall (an abusive message typed at checkout, or
 * a donor who asks to be removed). Amounts are untouched; the change is audit-logged.
 */
export async function removeFromWall(deps: FundingDeps, id: number, actorId: number): Promise<void> {
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const before = await findDonationById(trx, id);
    if (!before) throw new AppError('GIFT_NOT_FOUND', msg('funding.error_gift_not_found'));
    await withdrawFromWall(trx, before, iso(now));
    await recordAudit(
      trx,
      {
        actorUserId: actorId,
        action: 'donation.wall.remove',
        subjectType: 'donation',
        subjectId: id,
        before: { publicName: before.publicName, publicMessage: before.publicMessage, wallConsent: before.wallConsent },
        after: { publicName: before.publicName ?? '', publicMessage: null, wallConsent: false },
      },
      now,
    );
  });
}
