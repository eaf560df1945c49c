/** Money is integer minor units beside an ISO 4217 currency code. */

/**
 * Where Intl's (CLDR display) digits differ from ISO 4217's minor unit: CLDR shows no decimals for these,
 * but ISO, banks and Stripe count them in hundredths (COP 500.00 is 50000 minor units). MGA stays 0, as
 * Stripe and CLDR have it.
 */
const ISO_EXPONENTS: Record<string, number> = {
  AFN: 2,
  ALL: 2,
  COP: 2,
  HUF: 2,
  IDR: 2,
  IRR: 2,
  KPW: 2,
  LAK: 2,
  LBP: 2,
  MMK: 2,
  PKR: 2,
  SLL: 2,
  SOS: 2,
  SYP: 2,
  YER: 2,
  IQD: 3,
};
const exponents = new Map<string, number>(Object.entries(ISO_EXPONENTS));

/**
 * Digits after the decimal point of a currency's minor unit (ISO 4217, as Intl knows it): USD and EUR 2,
 * JPY 0, KWD 3. Unknown codes count as 2.
 */
export function currencyExponent(currency: string): number {
  const code = currency.toUpperCase();
  let exp = exponents.get(code);
  if (exp === undefined) {
    try {
      exp =
        new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      exp = 2;
    }
    if (exponents.size < 500) exponents.set(code, exp);
  }
  return exp;
}

/** 12.5 EUR → 1250; 500 JPY → 500. Rounds to the nearest minor unit. */
export function toMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** currencyExponent(currency));
}

export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** currencyExponent(currency);
}

/**
 * Building an Intl.NumberFormat costs far more than using one (tens of microseconds): the goal bar formats
 * five amounts on every page, so formatters are kept per locale, currency and digits.
 */
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(locale: string, currency: string, digits: number): Intl.NumberFormat {
  const key = `${locale}|${currency}|${digits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    if (formatters.size < 500) formatters.set(key, f);
  }
  return f;
}

/** "1,120 $" style for the bar and the ledger; whole units when the amount is round. */
export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
  const exp = currencyExponent(currency);
  const major = minor / 10 ** exp;
  const digits = Number.isInteger(major) ? 0 : exp;
  return formatter(locale, currency, digits).format(major);
}

/** Plain decimal for form fields and CSV: 123456 USD → "1234.56", 2500 JPY → "2500", 500000 USD → "5000". */
export function formatMajorPlain(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 10 ** exp);
  const frac = abs % 10 ** exp;
  return exp === 0 || frac === 0 ? `${sign}${whole}` : `${sign}${whole}.${String(frac).padStart(exp, '0')}`;
}

/**
 * Parses an amount typed by a person into minor units, exactly (no floating point): "25", "25.50",
 * "1,000", "1 000,50", "1.000,50" (a lone comma before one or two final digits is a decimal comma).
 * Returns null when it is not a positive-or-zero amount with at most the currency's number of decimals,
 * and for "5.000", which means 5 or 5,000 depending on the reader.
 */
export function parseMajorAmount(text: string, currency: string): number | null {
  const exp = currencyExponent(currency);
  let s = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  // "5.000" is five thousand to a German reader and five to an American one: refuse rather than guess
  // (a three-decimal currency such as KWD reads it as 5.000, its own notation).
  if (/^\d{1,3}(\.\d{3})+$/.test(s) && exp !== 3) return null;
  if (/^\d{1,3}(\.\d{3})+,\d{1,2}$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  else if (/^\d+,\d{1,2}$/.test(s)) s = s.replace(',', '.');
  else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  const m = /^(\d{1,12})(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const frac = m[2] ?? '';
  if (frac.length > exp) {
    if (/^0*$/.test(frac.slice(exp)))
      return parseMajorAmount(`${m[1]}${exp > 0 ? `.${frac.slice(0, exp)}` : ''}`, currency);
    return null;
  }
  return Number(m[1]) * 10 ** exp + Number(frac.padEnd(exp, '0') || '0');
}

let known: Set<string> | undefined;

/** ISO 4217 codes Intl knows; used to validate a currency typed by the publisher. */
export function isKnownCurrency(code: string): boolean {
  known ??= new Set(Intl.supportedValuesOf('currency'));
  return /^[A-Z]{3}$/.test(code) && known.has(code);
}
