/**
 * The publisher's giving settings (one JSON setting, `funding.giving`): default currency, whether a month
 * without a campaign carries the last goal, instructions for offline gifts, and per-currency preset
 * amounts and limits. Defaults: presets 5/10/25/50/100, limits 1 to 10,000 major units; currencies
 * without minor units (JPY, KRW…) get presets 500 to 10,000 and limits 100 to 1,000,000 (Stripe's
 * smallest JPY charge is 50).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { msg, type Message } from '../../lib/message.js';
import { currencyExponent, isKnownCurrency, parseMajorAmount } from '../../lib/money.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { getSetting, putSetting } from '../../platform/settings.repo.js';

export const GIVING_KEY = 'funding.giving';

export interface AmountRules {
  /** Preset buttons on the donation form, minor units, ascending. */
  presets: number[];
  minMinor: number;
  maxMinor: number;
}

export interface GivingSettings {
  /** Currency of online gifts when the month has no campaign. */
  defaultCurrency: string;
  /** A month without a campaign continues the latest earlier campaign's goal (else: no bar). */
  carryOver: boolean;
  /** Bank details, wallet address… shown on the donation page; plain text. */
  offlineInstructions: string;
  /** Overrides of the default amount rules, by currency. */
  amounts: Record<string, AmountRules>;
}

export const DEFAULT_GIVING: GivingSettings = {
  defaultCurrency: 'USD',
  carryOver: false,
  offlineInstructions: '',
  amounts: {},
};

export function defaultAmountRules(currency: string): AmountRules {
  const unit = 10 ** currencyExponent(currency);
  if (unit === 1) return { presets: [500, 1000, 2500, 5000, 10_000], minMinor: 100, maxMinor: 1_000_000 };
  return { presets: [5, 10, 25, 50, 100].map((n) => n * unit), minMinor: unit, maxMinor: 10_000 * unit };
}

export function amountRules(s: GivingSettings, currency: string): AmountRules {
  return s.amounts[currency] ?? defaultAmountRules(currency);
}

export async function loadGivingSettings(db: Kysely<Database>): Promise<GivingSettings> {
  return getSetting<GivingSettings>(db, GIVING_KEY, DEFAULT_GIVING);
}

export async function saveGivingSettings(db: Kysely<Database>, s: GivingSettings, now: Date): Promise<void> {
  await putSetting(db, GIVING_KEY, s, now);
}

/** The giving settings form as typed. */
export interface GivingForm {
  defaultCurrency: string;
  carryOver?: string;
  offlineInstructions?: string;
  currency: string;
  presets: string;
  min: string;
  max: string;
}

/** Validates the form into new settings (every problem at once, by field). */
export function parseGivingForm(current: GivingSettings, form: GivingForm): GivingSettings {
  const fields: Record<string, Message> = {};
  const defaultCurrency = form.defaultCurrency.trim().toUpperCase();
  if (!isKnownCurrency(defaultCurrency))
    fields.defaultCurrency = msg('funding.settings_error_currency', { example: 'USD' });
  const currency = form.currency.trim().toUpperCase();
  if (!isKnownCurrency(currency)) fields.currency = msg('funding.settings_error_currency', { example: 'EUR' });
  const offlineInstructions = (form.offlineInstructions ?? '').trim();
  if (offlineInstructions.length > 2000)
    fields.offlineInstructions = msg('funding.settings_error_instructions', { max: 2000 });
  let rules: AmountRules | undefined;
  if (!fields.currency) {
    const presets = form.presets
      .split(/[;\n]|,\s+/.test(form.presets) ? /[;\n]|,\s+/ : /,/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => parseMajorAmount(s, currency));
    const minMinor = parseMajorAmount(form.min, currency);
    const maxMinor = parseMajorAmount(form.max, currency);
    if (minMinor === null || minMinor <= 0) fields.min = msg('funding.settings_error_min');
    if (maxMinor === null || (minMinor !== null && maxMinor <= minMinor))
      fields.max = msg('funding.settings_error_max');
    if (presets.length === 0 || presets.length > 8 || presets.some((p) => p === null))
      fields.presets = msg('funding.settings_error_presets');
    else if (!fields.min && !fields.max && presets.some((p) => p! < minMinor! || p! > maxMinor!))
      fields.presets = msg('funding.settings_error_presets_range');
    if (!fields.min && !fields.max && !fields.presets)
      rules = {
        presets: [...new Set(presets as number[])].sort((a, b) => a - b),
        minMinor: minMinor!,
        maxMinor: maxMinor!,
      };
  }
  if (Object.keys(fields).length > 0)
    throw new AppError('GIVING_SETTINGS_INVALID', msg('funding.error_correct_fields'), { fields });
  return {
    defaultCurrency,
    carryOver: form.carryOver === 'yes',
    offlineInstructions,
    amounts: { ...current.amounts, [currency]: rules! },
  };
}

export async function updateGivingSettings(
  deps: Pick<Deps, 'db' | 'clock'>,
  form: GivingForm,
  actorId: number,
): Promise<GivingSettings> {
  const now = deps.clock.now();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const before = await loadGivingSettings(trx);
    const after = parseGivingForm(before, form);
    await saveGivingSettings(trx, after, now);
    await recordAudit(
      trx,
      {
        actorUserId: actorId,
        action: 'funding.settings.update',
        subjectType: 'setting',
        subjectId: GIVING_KEY,
        before,
        after,
      },
      now,
    );
    return after;
  });
}
