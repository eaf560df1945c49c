/**
 * Progress of a CLI import on stderr: a cli-progress bar (bytes of the file read, records per second,
 * created / updated / skipped) when stderr is a terminal, otherwise a plain line every few seconds so
 * logs of a scheduled or piped run stay readable.
 */
import cliProgress from 'cli-progress';
import type { ImportProgress, ProgressListener } from './import.types.js';

export interface ProgressReporter {
  listener: ProgressListener;
  stop(): void;
}

const fmt = new Intl.NumberFormat('en-US');

export function createProgressReporter(
  stream: NodeJS.WriteStream = process.stderr,
  opts: { intervalMs?: number; now?: () => number } = {},
): ProgressReporter {
  const now = opts.now ?? Date.now;
  const started = now();
  const rate = (p: ImportProgress) => Math.round(p.items / Math.max((now() - started) / 1000, 0.001));
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format:
          '{bar} {percentage}% | {items} records ({rate}/s) | created {created} · updated {updated} · skipped {skipped}',
        hideCursor: true,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    let started_ = false;
    return {
      listener: (p) => {
        const payload = {
          items: fmt.format(p.items),
          rate: fmt.format(rate(p)),
          created: fmt.format(p.created),
          updated: fmt.format(p.updated),
          skipped: fmt.format(p.skipped),
        };
        if (!started_) {
          bar.start(p.totalBytes ?? Math.max(p.bytesRead, 1), 0, payload);
          started_ = true;
        }
        if (p.totalBytes === null) bar.setTotal(Math.max(p.bytesRead, 1));
        bar.update(p.bytesRead, payload);
      },
      stop: () => {
        if (started_) bar.stop();
      },
    };
  }
  const every = opts.intervalMs ?? 5000;
  let last = 0;
  let latest: ImportProgress | null = null;
  let printed: ImportProgress | null = null;
  const line = (p: ImportProgress) => {
    const pct = p.totalBytes ? `${((100 * p.bytesRead) / p.totalBytes).toFixed(1)}% ` : '';
    printed = p;
    stream.write(
      `${pct}${fmt.format(p.items)} records (${fmt.format(rate(p))}/s): created ${fmt.format(p.created)}, updated ${fmt.format(p.updated)}, skipped ${fmt.format(p.skipped)}\n`,
    );
  };
  return {
    listener: (p) => {
      latest = p;
      if (now() - last >= every) {
        last = now();
        line(p);
      }
    },
    stop: () => {
      if (latest && latest !== printed) line(latest);
    },
  };
}
