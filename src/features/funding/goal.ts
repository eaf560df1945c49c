/** The goal bar's numbers, shared by the server-rendered bar and the live update event. */
import type { I18n } from '../../platform/i18n.js';
import type { Campaign } from './campaign.types.js';

/** Whole-percent position (0–100) used by the `w-N` / `at-N` CSS classes; no inline styles (CSP). */
export const pct = (value: number, max: number): number =>
  max <= 0 ? 0 : Math.max(0, Math.min(100, Math.round((value / max) * 100)));

/** The bar's scale: the goal, or the highest tick if a tick lies beyond it. */
export const barMax = (c: Pick<Campaign, 'goalMinor' | 'ticks'>): number => Math.max(c.goalMinor, ...c.ticks);

/** Payload of the `goal.update` live event (topic `goal`); live.js applies it to the bar of the same month. */
export interface GoalUpdate {
  [key: string]: unknown;
  month: string;
  raisedMinor: number;
  goalMinor: number;
  currency: string;
  /** Formatted like the server-rendered bar, in the site's language: "$1,120", "1 120 $US". */
  raisedText: string;
  /** Fill of the bar, whole percent 0–100. */
  percent: number;
  giftCount: number;
  /** The goal as the bar prints it ("$5,000"): an edited goal reaches open pages too. */
  goalText: string;
  /** The milestones as the bar draws them: position (whole percent), label, and whether the total reached it. */
  ticks: Array<{ at: number; text: string; reached: boolean }>;
}

/** Payload of `goal.update` when the month's campaign was deleted: open pages drop the bar. */
export interface GoalRemoved {
  [key: string]: unknown;
  month: string;
  removed: true;
}

/** The bar's numbers with its amounts written in `i18n`'s language (the site's, read when the update is sent). */
export function goalUpdate(c: Campaign, i18n: Pick<I18n, 'money'>): GoalUpdate {
  return {
    month: c.month,
    raisedMinor: c.raisedMinor,
    goalMinor: c.goalMinor,
    currency: c.currency,
    raisedText: i18n.money(c.raisedMinor, c.currency),
    percent: pct(c.raisedMinor, barMax(c)),
    giftCount: c.giftCount,
    goalText: i18n.money(c.goalMinor, c.currency),
    ticks: c.ticks.map((t) => ({
      at: pct(t, barMax(c)),
      text: i18n.money(t, c.currency),
      reached: c.raisedMinor >= t,
    })),
  };
}

/** A real calendar month `YYYY-MM` (years 2000–2999). */
export const isMonth = (s: string): boolean => /^2\d{3}-(0[1-9]|1[0-2])$/.test(s);
