/** A month's fundraising goal and how far readers have carried it. */
export interface Campaign {
  id: number;
  /** `YYYY-MM` */
  month: string;
  goalMinor: number;
  currency: string;
  /** Milestones in minor units, ascending. */
  ticks: number[];
  message: string | null;
  raisedMinor: number;
  giftCount: number;
}
