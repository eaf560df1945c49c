/**
 * The in-process page cache (src/web/page-cache.ts) on a bare Fastify app: what it keeps, and that a page
 * built from data read before a change is never served after it.
 */
import Fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import { describe, expect, it } from 'vitest';
import { memoryBus } from '../../src/platform/event-bus.js';
import { announceWrites, createPageCache, pageCaching, watchChanges } from '../../src/web/page-cache.js';

async function pageApp() {
  const bus = memoryBus();
  const cache = createPageCache();
  watchChanges(bus, cache);
  let story = 'first version';
  /** Resolves when the page handler has read the story; the handler then waits for `release`. */
  let readStarted: () => void = () => undefined;
  let release: Promise<void> = Promise.resolve();
  const app = Fastify();
  await app.register(fastifyCookie);
  const pages = pageCaching(cache, { seconds: 60, staleSeconds: 60, maxEntries: 10, maxBytes: 1 << 20 });
  app.addHook('onRequest', pages.serveStored);
  app.addHook('onSend', pages.publishPage);
  app.addHook('onResponse', announceWrites(bus, cache));
  app.get('/story', async (_req, reply) => {
    const read = story;
    readStarted();
    await release;
    return reply.type('text/html; charset=utf-8').send(`<p>${read}</p>`);
  });
  app.post('/story', async () => {
    story = 'second version';
    return { ok: true };
  });
  return {
    app,
    cache,
    /** The next GET pauses after reading until the returned function is called. */
    holdNextRead() {
      let open: () => void = () => undefined;
      release = new Promise<void>((r) => (open = r));
      const started = new Promise<void>((r) => (readStarted = r));
      return { started, open: () => open() };
    },
  };
}

describe('the page cache', () => {
  it('answers a repeat from memory and drops it on a successful write', async () => {
    const { app } = await pageApp();
    const first = await app.inject({ method: 'GET', url: '/story' });
    expect(first.headers['x-page-cache']).toBeUndefined();
    const repeat = await app.inject({ method: 'GET', url: '/story' });
    expect(repeat.headers['x-page-cache']).toBe('hit');
    expect(repeat.body).toBe(first.body);
    await app.inject({ method: 'POST', url: '/story' });
    const after = await app.inject({ method: 'GET', url: '/story' });
    expect(after.headers['x-page-cache']).toBeUndefined();
    expect(after.body).toContain('second version');
    await app.close();
  });

  it('never serves a page built from data read before a change announced while it was being built', async () => {
    const t = await pageApp();
    const gate = t.holdNextRead();
    const slow = t.app.inject({ method: 'GET', url: '/story' });
    await gate.started;
    // The write lands while the slow request holds the old text.
    await t.app.inject({ method: 'POST', url: '/story' });
    gate.open();
    const stale = await slow;
    expect(stale.body).toContain('first version');
    const next = await t.app.inject({ method: 'GET', url: '/story' });
    expect(next.headers['x-page-cache']).toBeUndefined();
    expect(next.body).toContain('second version');
    expect(t.cache.entries.size).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: '/story' })).headers['x-page-cache']).toBe('hit');
    await t.app.close();
  });

  it('keeps no page for a reader holding a session or guest cookie', async () => {
    const { app, cache } = await pageApp();
    const res = await app.inject({ method: 'GET', url: '/story', cookies: { bs_guest: 'g1' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBeUndefined();
    expect(cache.entries.size).toBe(0);
    await app.close();
  });
});
