/**
 * How much CPU other programs took while we measured. On a small shared machine that is the first thing
 * to rule out when a figure looks odd, and the load average cannot tell our own load from theirs.
 * Linux only (/proc); elsewhere it reports nothing. On PostgreSQL the database's own processes count
 * as "other" too.
 */
import fs from 'node:fs';

/** Kernel clock ticks per second (USER_HZ), 100 on every mainstream Linux build. */
const TICKS_PER_S = 100;

function busyTicks(): number {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = cpu;
  return user + nice + system + irq + softirq + steal;
}

function processTicks(pid: number | 'self'): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15 of the line.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[11]) + Number(rest[12]);
  } catch {
    return 0;
  }
}

/** Starts watching; the returned function gives the average number of cores others used since. */
export function watchOtherCpu(ourPids: number[]): () => number | undefined {
  if (!fs.existsSync('/proc/stat')) return () => undefined;
  const ours = () => processTicks('self') + ourPids.reduce((sum, pid) => sum + processTicks(pid), 0);
  const start = { at: performance.now(), busy: busyTicks(), ours: ours() };
  return () => {
    const seconds = (performance.now() - start.at) / 1000;
    const others = busyTicks() - start.busy - (ours() - start.ours);
    return Math.max(0, Math.round((others / TICKS_PER_S / seconds) * 100) / 100);
  };
}
