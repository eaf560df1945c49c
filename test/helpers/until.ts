/** The one polling wait of the tests: for a condition another process or a timer brings about. */

/** Waits for `pred` to hold (checked every 25 ms); fails with `why()` after `ms`. */
export async function until(pred: () => boolean | Promise<boolean>, ms: number, why: () => string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!(await pred())) {
    if (performance.now() > deadline) throw new Error(why());
    await new Promise((r) => setTimeout(r, 25));
  }
}
