/**
 * A private PostgreSQL server for one test file, in a temporary folder on a free port, so a test may stop
 * and start it (a database restart under load) without touching the machine's shared cluster that other
 * test files use. initdb and postgres refuse to run as root: as root (CI) every command runs as the
 * `postgres` user through runuser, and the folder is given to that user.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** The newest PostgreSQL's bin folder with initdb, pg_ctl and postgres (Debian's layout), or undefined. */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(root, v, 'bin');
    if (['initdb', 'pg_ctl', 'postgres'].every((b) => fs.existsSync(path.join(bin, b)))) return bin;
  }
  return undefined;
}

export const POSTGRES_BIN = findPostgresBin();

if (!POSTGRES_BIN && process.env.CI === 'true')
  throw new Error(
    'CI=true but no PostgreSQL binaries under /usr/lib/postgresql/*/bin: fault tests must not be skipped.',
  );
if (!POSTGRES_BIN)
  console.warn(
    '[broadsheet tests] no PostgreSQL binaries under /usr/lib/postgresql/*/bin: PostgreSQL fault tests are skipped.',
  );

/** A free loopback port, as the OS sees it now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface PrivatePostgres {
  /** postgres://broadsheet@127.0.0.1:<port>/broadsheet: the app's database, owned by its role (trust auth). */
  url: string;
  port: number;
  /** Fast shutdown (open sessions are terminated, as an operator's restart does); resolves once it is down. */
  stop(): Promise<void>;
  /** Starts the stopped server; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops the server at once and removes its folder. Never throws. */
  destroy(): Promise<void>;
  /** The server's log, for a failure message. */
  log(): string;
}

const asRoot = process.getuid?.() === 0;
const live = new Set<() => void>();
// A worker that dies must not leave a server behind.
process.once('exit', () => {
  for (const stop of live) stop();
});

/** initdb, start, and a role and database named broadsheet. Throws when the binaries are missing. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = POSTGRES_BIN;
  if (!bin) throw new Error('PostgreSQL binaries not found');
  // Under os.tmpdir() (world-traversable), so the postgres user reaches it when we run as root.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    fs.chownSync(dir, uid, gid);
  }
  const pgCommand = (cmd: string, args: string[], timeoutMs = 60_000) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], { timeout: timeoutMs })
      : run(path.join(bin, cmd), args, { timeout: timeoutMs });

  const port = await freePort();
  // -k: the Unix socket goes to our folder, not /var/run/postgresql where the shared cluster's lives.
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=60`;
  const start = async () => {
    await pgCommand('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '30', 'start']);
  };
  const stopNow = () => {
    try {
      const args = ['-D', dataDir, '-m', 'immediate', '-w', '-t', '10', 'stop'];
      if (asRoot)
        execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), ...args], { stdio: 'ignore' });
      else execFileSync(path.join(bin, 'pg_ctl'), args, { stdio: 'ignore' });
    } catch {
      // not running
    }
  };
  const log = () => {
    try {
      return fs.readFileSync(logFile, 'utf8').slice(-4000);
    } catch {
      return '';
    }
  };

  try {
    // --no-sync: the folder is thrown away after the file; it changes nothing the server does later.
    await pgCommand('initdb', ['-D', dataDir, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    await start();
    live.add(stopNow);
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await admin.connect();
    try {
      await admin.query('CREATE ROLE broadsheet LOGIN');
      await admin.query('CREATE DATABASE broadsheet OWNER broadsheet');
    } finally {
      await admin.end();
    }
  } catch (err) {
    stopNow();
    live.delete(stopNow);
    const detail = log();
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`private PostgreSQL did not start: ${(err as Error).message}\n${detail}`, { cause: err });
  }

  return {
    url: `postgres://broadsheet@127.0.0.1:${port}/broadsheet`,
    port,
    stop: async () => {
      await pgCommand('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']);
    },
    start,
    destroy: async () => {
      stopNow();
      live.delete(stopNow);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    log,
  };
}
