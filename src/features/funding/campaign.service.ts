/**
 * Campaigns: the publisher sets a month's goal; the bar shows it. Totals are never summed on a page view:
 * every change to a month's gifts refreshes the campaign's cached total in the same transaction.
 */
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { formatMajorPlain, isKnownCurrency, parseMajorAmount } from '../../lib/money.js';
import { msg, type Message } from '../../lib/message.js';
import type { I18n } from '../../platform/i18n.js';
import { recordAudit } from '../../platform/audit.repo.js';
import {
  deleteCampaign,
  findCampaignById,
  findCampaignByMonth,
  findLatestCampaignBefore,
  insertCampaignIfAbsent,
  refreshCampaignTotals,
  updateCampaign,
  type NewCampaign,
} from './campaign.repo.js';
import type { Campaign } from './campaign.types.js';
import { goalUpdate, isMonth, type GoalRemoved } from './goal.js';
import { fundingI18n } from './funding-i18n.js';

export type FundingDeps = Pick<Deps, 'db' | 'clock' | 'log' | 'bus' | 'config' | 'hooks' | 'caches'>;

/** The campaign form as typed: amounts in major units, ticks as a comma list. */
export interface CampaignForm {
  month: string;
  goal: string;
  currency: string;
  ticks: string;
  message: string;
}

export const MESSAGE_MAX = 300;

/** Validates the form; every problem is reported at once, by field. */
export function parseCampaignForm(form: CampaignForm): Omit<NewCampaign, 'now'> {
  const fields: Record<string, Message> = {};
  const month = form.month.trim();
  if (!isMonth(month)) fields.month = msg('funding.campaign_error_month');
  const currency = form.currency.trim().toUpperCase();
  if (!isKnownCurrency(currency)) fields.currency = msg('funding.error_currency_code');
  const goalMinor = isKnownCurrency(currency) ? parseMajorAmount(form.goal, currency) : null;
  if (goalMinor === null || goalMinor <= 0)
    fields.goal = msg('funding.campaign_error_goal', { yen: currency === 'JPY' ? 'yes' : 'no' });
  let ticks: number[] = [];
  if (goalMinor && !fields.currency) {
    // "0, 2,500, 5,000" (comma and space between milestones, thousands commas inside) or "0,2500,5000".
    const parts = form.ticks
      .split(/[;\n]|,\s+/.test(form.ticks) ? /[;\n]|,\s+/ : /,/)
      .map((t) => t.trim())
      .filter(Boolean);
    const parsed = parts.map((p) => parseMajorAmount(p, currency));
    if (parsed.some((p) => p === null)) fields.ticks = msg('funding.campaign_error_ticks_format');
    else {
      ticks = parsed as number[];
      if (ticks.length === 0) ticks = [0, goalMinor];
      else if (ticks.some((t, i) => i > 0 && t <= ticks[i - 1]!))
        fields.ticks = msg('funding.campaign_error_ticks_order');
      else if (ticks.some((t) => t < 0 || t > goalMinor)) fields.ticks = msg('funding.campaign_error_ticks_range');
      else if (ticks.length > 10) fields.ticks = msg('funding.campaign_error_ticks_count', { max: 10 });
    }
  }
  const message = form.message.trim();
  if (message.length > MESSAGE_MAX) fields.message = msg('funding.error_message_length', { max: MESSAGE_MAX });
  if (Object.keys(fields).length > 0)
    throw new AppError('CAMPAIGN_INVALID', msg('funding.error_correct_fields'), { fields });
  return { month, goalMinor: goalMinor!, currency, ticks, message: message || null };
}

/** The form's values for an existing campaign. */
export function campaignToForm(c: Campaign): CampaignForm {
  return {
    month: c.month,
    goal: formatMajorPlain(c.goalMinor, c.currency),
    currency: c.currency,
    ticks: c.ticks.map((t) => formatMajorPlain(t, c.currency)).join(', '),
    message: c.message ?? '',
  };
}

/** The month is named in the site's language (a message's values are not formatted later). */
const conflict = (month: string, i18n: I18n) =>
  new AppError('CAMPAIGN_MONTH_TAKEN', msg('funding.error_correct_fields'), {
    fields: { month: msg('funding.campaign_error_month_taken', { month: i18n.month(month) }) },
  });

export async function createCampaign(deps: FundingDeps, form: CampaignForm, actorId: number): Promise<Campaign> {
  const input = parseCampaignForm(form);
  const i18n = await fundingI18n(deps);
  const now = deps.clock.now();
  const campaign = await deps.db.kysely.transaction().execute(async (trx) => {
    const id = await insertCampaignIfAbsent(trx, { ...input, now: now.toISOString() });
    if (id === null) throw conflict(input.month, i18n);
    await refreshCampaignTotals(trx, input.month, now.toISOString());
    const c = (await findCampaignById(trx, id))!;
    await recordAudit(
      trx,
      { actorUserId: actorId, action: 'campaign.create', subjectType: 'campaign', subjectId: id, after: input },
      now,
    );
    return c;
  });
  await publishGoal(deps, [campaign.month]);
  return campaign;
}

export async function editCampaign(
  deps: FundingDeps,
  id: number,
  form: CampaignForm,
  actorId: number,
): Promise<Campaign> {
  const input = parseCampaignForm(form);
  const i18n = await fundingI18n(deps);
  const now = deps.clock.now();
  const t = now.toISOString();
  const { before, after } = await deps.db.kysely.transaction().execute(async (trx) => {
    const before = await findCampaignById(trx, id);
    if (!before) throw new AppError('CAMPAIGN_NOT_FOUND', msg('funding.campaign_not_found'));
    if (before.month !== input.month && (await findCampaignByMonth(trx, input.month)))
      throw conflict(input.month, i18n);
    await updateCampaign(trx, id, { ...input, now: t });
    await refreshCampaignTotals(trx, input.month, t);
    await recordAudit(
      trx,
      {
        actorUserId: actorId,
        action: 'campaign.update',
        subjectType: 'campaign',
        subjectId: id,
        before: snapshot(before),
        after: input,
      },
      now,
    );
    return { before, after: (await findCampaignById(trx, id))! };
  });
  await publishGoal(deps, [...new Set([before.month, after.month])]);
  return after;
}

export async function removeCampaign(deps: FundingDeps, id: number, actorId: number): Promise<void> {
  const now = deps.clock.now();
  const month = await deps.db.kysely.transaction().execute(async (trx) => {
    const before = await findCampaignById(trx, id);
    if (!before) throw new AppError('CAMPAIGN_NOT_FOUND', msg('funding.campaign_not_found'));
    await deleteCampaign(trx, id);
    await recordAudit(
      trx,
      {
        actorUserId: actorId,
        action: 'campaign.delete',
        subjectType: 'campaign',
        subjectId: id,
        before: snapshot(before),
      },
      now,
    );
    return before.month;
  });
  await publishGoal(deps, [month]);
}

const snapshot = (c: Campaign) => ({
  month: c.month,
  goalMinor: c.goalMinor,
  currency: c.currency,
  ticks: c.ticks,
  message: c.message,
});

/**
 * "Carry the last goal": gives `month` a copy of the latest earlier campaign (goal, currency, ticks,
 * message) and counts the month's gifts into it. A real row, so the month's total is cached like any
 * other; safe to call from several processes at once (the month is unique).
 */
export async function carryOverCampaign(
  deps: Pick<FundingDeps, 'db' | 'clock'>,
  month: string,
): Promise<Campaign | undefined> {
  const now = deps.clock.now();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const last = await findLatestCampaignBefore(trx, month);
    if (!last) return undefined;
    const id = await insertCampaignIfAbsent(trx, {
      month,
      goalMinor: last.goalMinor,
      currency: last.currency,
      ticks: last.ticks,
      message: last.message,
      now: now.toISOString(),
    });
    if (id !== null) {
      await refreshCampaignTotals(trx, month, now.toISOString());
      await recordAudit(
        trx,
        {
          actorUserId: null,
          action: 'campaign.carry_over',
          subjectType: 'campaign',
          subjectId: id,
          after: { month, from: last.month },
        },
        now,
      );
    }
    return findCampaignByMonth(trx, month);
  });
}

/** Tells live readers the new totals of these months; call after the transaction commits. Never fails the caller. */
export async function publishGoal(
  deps: Pick<FundingDeps, 'db' | 'bus' | 'log' | 'config' | 'caches'>,
  months: string[],
): Promise<void> {
  for (const month of months) {
    try {
      const c = await findCampaignByMonth(deps.db.kysely, month);
      const removed: GoalRemoved = { month, removed: true };
      // Amounts in the site's language as it is now: every open page speaks it (the page cache follows it too).
      const data = c ? goalUpdate(c, await fundingI18n(deps)) : removed;
      await deps.bus.publish({ topic: 'goal', type: 'goal.update', data });
    } catch (err) {
      deps.log.warn({ err, month }, 'could not publish the goal update');
    }
  }
}
