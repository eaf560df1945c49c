/** Time comes in through a clock so services and tests agree on "now". */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock a test can set and advance. */
export function fixedClock(start: Date | string): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** ISO-8601 UTC string, the storage format of every timestamp. */
export const iso = (d: Date): string => d.toISOString();

/** `YYYY-MM` of a date in UTC: the campaign month. */
export const monthOf = (d: Date | string): string => new Date(d).toISOString().slice(0, 7);
