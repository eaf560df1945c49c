import { describe, expect, it } from 'vitest';
import { fromStripeAmount, toStripeAmount } from '../../src/features/funding/stripe-provider.js';
import {
  currencyExponent,
  formatMajorPlain,
  formatMoney,
  isKnownCurrency,
  parseMajorAmount,
} from '../../src/lib/money.js';

describe('money in minor units', () => {
  it('knows the minor unit of USD, EUR, JPY, KWD and HUF (ISO 4217)', () => {
    expect(['USD', 'EUR', 'JPY', 'KWD', 'HUF', 'jpy'].map(currencyExponent)).toEqual([2, 2, 0, 3, 2, 0]);
  });

  it('parses what people type, exactly, or refuses it', () => {
    expect(parseMajorAmount('25', 'USD')).toBe(2_500);
    expect(parseMajorAmount(' 25.5 ', 'USD')).toBe(2_550);
    expect(parseMajorAmount('0.29', 'USD')).toBe(29);
    expect(parseMajorAmount('1,000', 'USD')).toBe(100_000);
    expect(parseMajorAmount('1 000,50', 'EUR')).toBe(100_050);
    expect(parseMajorAmount('12,50', 'EUR')).toBe(1_250);
    expect(parseMajorAmount('3000', 'JPY')).toBe(3_000);
    expect(parseMajorAmount('3000.00', 'JPY')).toBe(3_000);
    for (const bad of ['3000.5', '-1', '1e5', 'abc', '', '1.2.3', '0x10'])
      expect(parseMajorAmount(bad, bad === '3000.5' ? 'JPY' : 'USD')).toBeNull();
    expect(parseMajorAmount('12.345', 'USD')).toBeNull();
    expect(parseMajorAmount('12.345', 'KWD')).toBe(12_345);
    expect(parseMajorAmount('1.000,50', 'EUR')).toBe(100_050);
  });

  it('refuses "5.000", which is five to one reader and five thousand to another', () => {
    for (const currency of ['EUR', 'USD', 'JPY']) expect(parseMajorAmount('5.000', currency)).toBeNull();
    expect(parseMajorAmount('1.000.000', 'EUR')).toBeNull();
    expect(parseMajorAmount('5.000', 'KWD')).toBe(5_000);
    expect(parseMajorAmount('5.00', 'EUR')).toBe(500);
  });

  it('counts COP, IDR and PKR in hundredths as ISO 4217 does, though CLDR shows them without decimals', () => {
    expect(['COP', 'IDR', 'PKR', 'ISK', 'UGX', 'IQD'].map(currencyExponent)).toEqual([2, 2, 2, 0, 0, 3]);
    expect(parseMajorAmount('50000', 'COP')).toBe(5_000_000);
  });

  it("converts to and from Stripe's API amounts, whose decimals differ from ISO for ISK and UGX", () => {
    const cases: Array<[string, number, number]> = [
      ['USD', 2_500, 2_500],
      ['JPY', 500, 500],
      ['COP', 5_000_000, 5_000_000],
      ['ISK', 500, 50_000],
      ['UGX', 10_000, 1_000_000],
      ['KWD', 1_500, 1_500],
      ['EUR', 1_050, 1_050],
    ];
    for (const [currency, minor, stripe] of cases) {
      expect(toStripeAmount(minor, currency)).toBe(stripe);
      expect(fromStripeAmount(stripe, currency)).toBe(minor);
    }
  });

  it('formats for people and for forms', () => {
    expect(formatMoney(112_000, 'USD')).toBe('$1,120');
    expect(formatMoney(1_050, 'EUR')).toBe('€10.50');
    expect(formatMoney(3_000, 'JPY')).toBe('¥3,000');
    expect(formatMajorPlain(123_456, 'USD')).toBe('1234.56');
    expect(formatMajorPlain(500_000, 'USD')).toBe('5000');
    expect(formatMajorPlain(105, 'USD')).toBe('1.05');
    expect(formatMajorPlain(2_500, 'JPY')).toBe('2500');
  });

  it('accepts only real ISO currency codes', () => {
    expect(['USD', 'EUR', 'JPY'].every(isKnownCurrency)).toBe(true);
    expect(['usd', 'XYZ', 'US', ''].some(isKnownCurrency)).toBe(false);
  });
});
