/** Money is integer minor units beside an ISO 4217 currency code. */

/** Currencies whose minor unit is not 1/100 (ISO 4217 exponent). */
const EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, HUF: 2, BHD: 3, KWD: 3, JOD: 3, OMR: 3, TND: 3 };

export const currencyExponent = (currency: string): number => EXPONENTS[currency.toUpperCase()] ?? 2;

/** 12.5 EUR → 1250; 500 JPY → 500. Rounds to the nearest minor unit. */
export function toMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** currencyExponent(currency));
}

export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** currencyExponent(currency);
}

/**
 * Formatters by locale, currency and digits. Building an Intl.NumberFormat costs ~25 µs and the goal bar
 * formats five amounts on every page; the set of keys is small (a site has a handful of currencies).
 */
const formatters = new Map<string, Intl.NumberFormat>();

/** "1,120 $" style for the bar and the ledger; whole units when the amount is round. */
export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
  const exp = currencyExponent(currency);
  const major = minor / 10 ** exp;
  const digits = Number.isInteger(major) ? 0 : exp;
  const key = `${locale}|${currency}|${digits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(key, f);
  }
  return f.format(major);
}
