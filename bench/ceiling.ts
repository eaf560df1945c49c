/**
 * The ceiling: the same bytes the app answers for a page, served by a bare `node:http` process that does
 * nothing else. Measured in the same run as the app, its req/s is what this machine, Node and autocannon
 * allow at all; `article_500 ÷ ceiling` says how much of that the app's own work (routing, the page cache,
 * hooks, headers) leaves.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from './harness.js';

const HOST = '127.0.0.1';

/** The one-file server: every request gets the recorded status, headers and body. */
const SERVER_SOURCE = `
const http = require('node:http');
const fs = require('node:fs');
const body = fs.readFileSync(process.env.CEILING_BODY);
const headers = JSON.parse(process.env.CEILING_HEADERS);
headers['content-length'] = body.length;
http.createServer((req, res) => { req.resume(); res.writeHead(200, headers); res.end(body); })
  .listen(0, process.env.CEILING_HOST, function () { process.stdout.write(String(this.address().port) + '\\n'); });
`;

/** Fetches `url` as the bench's client would (the same request headers) and serves its answer from a bare process. */
export async function startCeilingServer(url: string, requestHeaders: Record<string, string> = {}): Promise<Server> {
  const res = await fetch(url, { headers: requestHeaders });
  if (res.status !== 200) throw new Error(`ceiling: ${url} answered ${res.status}`);
  const body = Buffer.from(await res.arrayBuffer());
  const headers: Record<string, string> = {};
  // What the app sent, minus what describes one connection or one encoding fetch() already undid.
  for (const [name, value] of res.headers)
    if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive', 'date'].includes(name))
      headers[name] = value;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-ceiling-'));
  const file = path.join(dir, 'body');
  fs.writeFileSync(file, body);
  const child = spawn(process.execPath, ['-e', SERVER_SOURCE], {
    env: { PATH: process.env.PATH, CEILING_BODY: file, CEILING_HEADERS: JSON.stringify(headers), CEILING_HOST: HOST },
    stdio: ['ignore', 'pipe', 2],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`ceiling server exited with code ${code}`)));
    child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    baseUrl: `http://${HOST}:${port}`,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
