/**
 * Runs every `bench/*.bench.ts` (or those named on the command line), prints each summary and writes it
 * to bench/results/<name>.json. Exits non-zero when a benchmark misses its target.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.startsWith(o)))).sort();
let failed = false;
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { name: string; run(): Promise<{ ok: boolean; summary: unknown }> };
  const { ok, summary } = await mod.run();
  fs.mkdirSync(path.join(dir, 'results'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'results', `${mod.name}.json`), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`${ok ? 'PASS' : 'FAIL'} ${mod.name}`, JSON.stringify(summary));
  failed ||= !ok;
}
process.exit(failed ? 1 : 0);
