/**
 * The public ledger: for each month, the goal, what was raised (confirmed gifts minus refunds), how many
 * gifts, and the online/offline split; gifts in another currency than the campaign's are listed apart,
 * never added up across currencies. Never e-mails.
 */
import { siteMonth, type MonthDeps } from './site-month.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { formatMajorPlain } from '../../lib/money.js';
import type { Deps } from '../../deps.js';
import { findCampaignByMonth, findCampaignsByMonths, listCampaigns } from './campaign.repo.js';
import { loadGivingSettings } from './giving-settings.js';
import { goalUpdate, type GoalUpdate } from './goal.js';
import { fundingI18n } from './funding-i18n.js';
import { firstGiftMonth, ledgerRows, listWall, totalsByMonth, type WallEntry } from './donation.repo.js';
import { countActivePledges } from './pledge.repo.js';

type DB = Kysely<Database>;

export interface LedgerMonth {
  month: string;
  /** The campaign's goal, or null when the month had none. */
  goalMinor: number | null;
  /** The campaign's currency, or the month's main currency when it had no campaign. */
  currency: string;
  raisedMinor: number;
  gifts: number;
  onlineMinor: number;
  offlineMinor: number;
  /** Gifts in other currencies: shown, not added. */
  other: Array<{ currency: string; raisedMinor: number; gifts: number }>;
}

export interface Ledger {
  months: LedgerMonth[];
  activePledges: number;
  wall: WallEntry[];
}

/** Months covered by the public ledger page (the CSV has everything). */
export const LEDGER_MONTHS = 36;

const addMonths = (month: string, n: number): string => {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 7);
};

export async function buildLedger(db: DB, currentMonth: string, fallbackCurrency: string): Promise<Ledger> {
  const from = addMonths(currentMonth, -(LEDGER_MONTHS - 1));
  const [totals, recentCampaigns, first, activePledges, wall] = await Promise.all([
    totalsByMonth(db, from, currentMonth),
    listCampaigns(db, LEDGER_MONTHS),
    firstGiftMonth(db),
    countActivePledges(db),
    listWall(db, 60),
  ]);
  const monthSet = new Set<string>([
    ...totals.map((t) => t.month),
    ...recentCampaigns.map((c) => c.month).filter((m) => m >= from && m <= currentMonth),
  ]);
  if (first && first <= currentMonth) monthSet.add(currentMonth);
  const months = [...monthSet].sort().reverse();
  const campaigns = await findCampaignsByMonths(db, months);
  return {
    activePledges,
    wall,
    months: months.map((month) => {
      const rows = totals.filter((t) => t.month === month);
      const campaign = campaigns.get(month);
      const main = campaign?.currency ?? mainCurrency(rows) ?? fallbackCurrency;
      const inMain = rows.filter((r) => r.currency === main);
      const sum = (rs: typeof rows, k: 'raisedMinor' | 'gifts') => rs.reduce((a, r) => a + r[k], 0);
      const others = new Map<string, { currency: string; raisedMinor: number; gifts: number }>();
      for (const r of rows.filter((x) => x.currency !== main)) {
        const o = others.get(r.currency) ?? { currency: r.currency, raisedMinor: 0, gifts: 0 };
        o.raisedMinor += r.raisedMinor;
        o.gifts += r.gifts;
        others.set(r.currency, o);
      }
      return {
        month,
        goalMinor: campaign?.goalMinor ?? null,
        currency: main,
        raisedMinor: sum(inMain, 'raisedMinor'),
        gifts: sum(inMain, 'gifts'),
        onlineMinor: sum(
          inMain.filter((r) => r.source === 'stripe'),
          'raisedMinor',
        ),
        offlineMinor: sum(
          inMain.filter((r) => r.source === 'offline'),
          'raisedMinor',
        ),
        other: [...others.values()],
      };
    }),
  };
}

function mainCurrency(rows: Array<{ currency: string; gifts: number }>): string | undefined {
  return [...rows].sort((a, b) => b.gifts - a.gifts)[0]?.currency;
}

/** A CSV cell: quoted, and defused when a spreadsheet would read it as a formula. */
function cell(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export const LEDGER_CSV_HEADER = [
  'id',
  'date',
  'month',
  'amount',
  'refunded',
  'net',
  'currency',
  'frequency',
  'source',
  'method',
  'status',
  'public_name',
  'public_message',
  'wall_consent',
  'note',
];

/** Every gift as CSV lines (header first), read in pages so memory stays bounded. No e-mails. */
export async function* ledgerCsv(db: DB): AsyncGenerator<string> {
  yield `${LEDGER_CSV_HEADER.join(',')}\r\n`;
  let after = 0;
  for (;;) {
    const page = await ledgerRows(db, after, 500);
    if (page.length === 0) return;
    let chunk = '';
    for (const d of page) {
      chunk +=
        [
          d.id,
          d.donatedAt,
          d.month,
          formatMajorPlain(d.amountMinor, d.currency),
          formatMajorPlain(d.refundedMinor, d.currency),
          formatMajorPlain(
            d.status === 'confirmed' || d.status === 'refunded' ? d.amountMinor - d.refundedMinor : 0,
            d.currency,
          ),
          d.currency,
          d.frequency,
          d.source,
          d.method,
          d.status,
          d.publicName,
          d.publicMessage,
          d.wallConsent ? 'yes' : 'no',
          d.note,
        ]
          .map((v) => (typeof v === 'number' ? String(v) : cell(v)))
          .join(',') + '\r\n';
    }
    yield chunk;
    after = page[page.length - 1]!.id;
  }
}

/** The public ledger as of the clock's month, in the default currency where a month has no campaign. */
export async function loadLedger(deps: Pick<Deps, 'db' | 'clock'> & MonthDeps): Promise<Ledger> {
  const settings = await loadGivingSettings(deps.db.kysely);
  return buildLedger(deps.db.kysely, await siteMonth(deps, deps.clock.now()), settings.defaultCurrency);
}

/** This month's goal (the bar's numbers, amounts in the site's language), or null when the month has no campaign. */
export async function loadGoal(deps: Pick<Deps, 'db' | 'clock'> & MonthDeps): Promise<GoalUpdate | null> {
  const c = await findCampaignByMonth(deps.db.kysely, await siteMonth(deps, deps.clock.now()));
  return c ? goalUpdate(c, await fundingI18n(deps)) : null;
}
