/**
 * What the public funding API answers (`/api/funding/goal`, `/api/funding/ledger`), in the OpenAPI document
 * and as the serializer's whitelist: amounts in integer minor units with their currency, never an e-mail.
 */
import { Type } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Month = Type.String({ pattern: '^\\d{4}-\\d{2}$', description: '`YYYY-MM`, a month of the site time zone' });
const Minor = Type.Integer({ minimum: 0, description: 'Minor units of the currency (cents)' });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' });

const GoalJson = Type.Object(
  {
    month: Month,
    raisedMinor: Minor,
    goalMinor: Minor,
    currency: Currency,
    raisedText: Type.String({ description: 'Formatted as the bar prints it, e.g. "$1,120"' }),
    percent: Type.Integer({ minimum: 0, maximum: 100, description: 'Fill of the bar, whole percent' }),
    giftCount: Type.Integer({ minimum: 0 }),
    goalText: Type.String({ description: 'The goal as the bar prints it, e.g. "$5,000"' }),
    ticks: Type.Array(
      Type.Object({
        at: Type.Integer({ minimum: 0, maximum: 100, description: 'Position, whole percent' }),
        text: Type.String(),
        reached: Type.Boolean(),
      }),
    ),
  },
  { title: 'Goal', description: "This month's goal as the goal bar shows it." },
);

export const GoalAnswer = Type.Object({
  goal: Nullable(GoalJson),
});

const LedgerMonthJson = Type.Object(
  {
    month: Month,
    goalMinor: Nullable(Minor),
    currency: Currency,
    raisedMinor: Minor,
    gifts: Type.Integer({ minimum: 0 }),
    onlineMinor: Minor,
    offlineMinor: Minor,
    other: Type.Array(Type.Object({ currency: Currency, raisedMinor: Minor, gifts: Type.Integer({ minimum: 0 }) }), {
      description: 'Gifts in other currencies: shown, not added.',
    }),
  },
  { title: 'LedgerMonth' },
);

export const LedgerAnswer = Type.Object({
  activePledges: Type.Integer({ minimum: 0, description: 'Monthly gifts running now' }),
  months: Type.Array(LedgerMonthJson),
  wall: Type.Array(
    Type.Object({
      name: Nullable(Type.String()),
      message: Nullable(Type.String()),
      month: Month,
      frequency: Type.Union([Type.Literal('one_off'), Type.Literal('monthly')]),
    }),
    { description: 'Donors who chose to be named, newest first; never an e-mail or an amount.' },
  ),
});
