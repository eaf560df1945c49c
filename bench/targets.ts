/**
 * The figures we promise. Checked after every run and printed to stderr; a missed target is reported,
 * not hidden, and does not change the exit code (a slow machine is not a broken build).
 */
export interface BenchResult {
  scenario: string;
  /** Requests per second, average, with `connections` connections. */
  rps: number;
  /** Latency with one connection: percentiles of autocannon's per-response times, to 0.01 ms. */
  p50_ms: number;
  p99_ms: number;
  /** autocannon's histogram percentiles (result.latency.p50/p99): whole ms, truncated. */
  p50_ms_autocannon: number;
  p99_ms_autocannon: number;
  /** Comments in the database while measuring. */
  comments_in_db: number;
  responses: number;
  /** Responses with an unexpected status, plus request errors and timeouts. */
  unexpected: number;
  status_counts: Record<string, number>;
  dialect: string;
  duration_s: number;
  connections: number;
  node: string;
  measured_at: string;
  /** Cores other programs used on average while measuring (Linux); above ~0.25 the figures are suspect. */
  other_cpu_cores: number | null;
  error?: string;
}

interface Target {
  label: string;
  /** undefined when the scenarios it needs were not run. */
  evaluate(byName: Map<string, BenchResult>): { ok: boolean; detail: string } | undefined;
}

const p50Below = (scenario: string, ms: number): Target => ({
  label: `${scenario} p50 < ${ms} ms`,
  evaluate: (m) => {
    const r = m.get(scenario);
    return r && { ok: r.p50_ms < ms, detail: `p50 ${r.p50_ms} ms` };
  },
});

export const TARGETS: Target[] = [
  p50Below('article_500', 5),
  {
    label: 'article_500 req/s at least half of ceiling req/s (the same bytes from a bare node:http process)',
    evaluate: (m) => {
      const app = m.get('article_500');
      const ceiling = m.get('ceiling');
      if (!app || !ceiling) return undefined;
      const ratio = app.rps / ceiling.rps;
      return { ok: ratio >= 0.5, detail: `${app.rps} ÷ ${ceiling.rps} req/s = ${ratio.toFixed(2)}` };
    },
  },
  p50Below('article_500_all', 10),
  {
    label: 'article_500_db200k p50 within 1.5× of article_500_db1k',
    evaluate: (m) => {
      const small = m.get('article_500_db1k');
      const large = m.get('article_500_db200k');
      if (!small || !large) return undefined;
      const ratio = large.p50_ms / small.p50_ms;
      return { ok: ratio <= 1.5, detail: `${large.p50_ms} ms vs ${small.p50_ms} ms = ${ratio.toFixed(2)}×` };
    },
  },
];

/** One line per target that could be evaluated. */
export function reportTargets(results: BenchResult[]): string[] {
  const byName = new Map(results.map((r) => [r.scenario, r]));
  const lines: string[] = [];
  for (const t of TARGETS) {
    const v = t.evaluate(byName);
    if (v) lines.push(`${v.ok ? 'MET   ' : 'MISSED'} ${t.label}: ${v.detail}`);
  }
  return lines;
}
