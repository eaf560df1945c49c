/**
 * Issue 15, live streams that do not lose events: every event carries an id from the journal (`live_events`);
 * a reader who reconnects with `Last-Event-ID` gets exactly what they missed, in order, then the live events;
 * an id older than the window gets `resync`; streams are capped per client network and per process.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { DIALECTS } from '../helpers/test-db.js';
import { openSse, type SseEvent } from '../helpers/sse.js';
import { until } from '../helpers/until.js';
import { pruneLiveEvents } from '../../src/features/live/index.js';

async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}

const isType = (type: string) => (e: SseEvent) => e.event === type;
let topicSeq = 900_000 + Math.floor(Math.random() * 1000) * 100;
/** A topic no other test publishes on. */
const freshTopic = () => `article:${++topicSeq}`;

for (const dialect of DIALECTS) {
  describe(`live event ids and replay on ${dialect}`, () => {
    let t: TestApp;
    let base = '';
    beforeAll(async () => {
      t = await createTestApp(dialect);
      base = await listen(t);
    });
    afterAll(async () => {
      await t.close();
    });

    const publish = (topic: string, n: number) =>
      t.deps.bus.publish({ topic, type: 'comment.vote', data: { id: n, score: n } });

    it('gives every event an id that increases, and a fresh stream the newest id to start from', async () => {
      const topic = freshTopic();
      await publish(topic, 0);
      const s = await openSse(base, `topics=${topic}`);
      expect(s.status).toBe(200);
      const [ready] = await s.until(isType('ready'));
      expect(ready!.id).toBeGreaterThan(0);
      for (let i = 1; i <= 3; i++) await publish(topic, i);
      // The first event (score 0) may still arrive, without an id, when PostgreSQL's NOTIFY delivers it after
      // the stream subscribed: it was published before the stream's start, so only the later ones count here.
      const votes = await s.until((e) => isType('comment.vote')(e) && Number(e.data.score) > 0, 3);
      const ids = votes.map((e) => e.id!);
      expect(ids[0]).toBeGreaterThan(ready!.id!);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(3);
      expect(votes.map((e) => e.data.score)).toEqual([1, 2, 3]);
      s.close();
    });

    it('replays exactly the missed events of the topics, in order, then the live ones, without duplicates', async () => {
      const topic = freshTopic();
      const other = freshTopic();
      const first = await openSse(base, `topics=${topic},goal`);
      await first.until(isType('ready'));
      await publish(topic, 1);
      const [seen] = await first.until(isType('comment.vote'));
      first.close();
      await first.ended;
      // Missed while away: two of the reader's topics, one of another.
      await publish(topic, 2);
      await publish(other, 99);
      await t.deps.bus.publish({ topic: 'goal', type: 'goal.update', data: { percent: 3 } });
      await publish(topic, 4);

      const again = await openSse(base, `topics=${topic},goal`, { 'last-event-id': String(seen!.id) });
      const replayed = await again.until((e) => e.event !== 'ready', 3);
      expect(replayed.map((e) => [e.event, e.data.score ?? e.data.percent])).toEqual([
        ['comment.vote', 2],
        ['goal.update', 3],
        ['comment.vote', 4],
      ]);
      const ids = replayed.map((e) => e.id!);
      expect(ids[0]).toBeGreaterThan(seen!.id!);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      await publish(topic, 5);
      const all = await again.until((e) => e.event !== 'ready', 4);
      expect(all.map((e) => e.data.score ?? e.data.percent)).toEqual([2, 3, 4, 5]);
      expect(all[3]!.id).toBeGreaterThan(ids[2]!);
      again.close();

      // A page that opens a new EventSource passes the id in the query instead of the header.
      const viaQuery = await openSse(base, `topics=${topic}&lastEventId=${ids[1]}`);
      const tail = await viaQuery.until(isType('comment.vote'), 2);
      expect(tail.map((e) => e.data.score)).toEqual([4, 5]);
      viaQuery.close();
    });

    it('loses nothing and repeats nothing when events are published while a stream reconnects', async () => {
      const topic = freshTopic();
      await publish(topic, 1);
      const { id } = await t.deps.db.kysely
        .selectFrom('live_events')
        .select('id')
        .where('topic', '=', topic)
        .executeTakeFirstOrThrow();
      // Published before, during and after the stream's subscription and its read of the journal.
      const publishing = (async () => {
        for (let i = 2; i <= 30; i++) await publish(topic, i);
      })();
      const s = await openSse(base, `topics=${topic}`, { 'last-event-id': String(id) });
      await publishing;
      await publish(topic, 31);
      const got = await s.until(isType('comment.vote'), 30);
      expect(got.map((e) => e.data.score)).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
      const ids = got.map((e) => e.id);
      expect(ids.every((x) => x !== undefined)).toBe(true);
      expect(ids).toEqual([...ids].sort((a, b) => a! - b!));
      expect(s.events.filter(isType('comment.vote'))).toHaveLength(30);
      s.close();
    });

    it('sends resync, and the newest id, to a reader whose id is older than the window (or unknown)', async () => {
      const topic = freshTopic();
      const s = await openSse(base, `topics=${topic}`);
      await s.until(isType('ready'));
      await publish(topic, 1);
      const [old] = await s.until(isType('comment.vote'));
      s.close();
      await publish(topic, 2);
      await publish(topic, 3);
      // The window keeps the newest event only: the one after `old` is gone.
      await pruneLiveEvents(t.deps.db.kysely, new Date(), { liveReplayMinutes: 15, liveReplayEvents: 1 });
      const late = await openSse(base, `topics=${topic},goal`, { 'last-event-id': String(old!.id) });
      const [ready] = await late.until(isType('ready'));
      const resyncs = await late.until(isType('resync'), 2);
      expect(resyncs.map((e) => e.data.topic).sort()).toEqual(['goal', topic].sort());
      expect(ready!.id).toBeGreaterThan(old!.id!);
      expect(late.events.filter(isType('comment.vote'))).toEqual([]);
      // Live events follow as usual.
      await publish(topic, 4);
      expect((await late.until(isType('comment.vote')))[0]!.data.score).toBe(4);
      late.close();

      const bogus = await openSse(base, `topics=${topic}`, { 'last-event-id': String(ready!.id! + 1_000_000) });
      await bogus.until(isType('resync'));
      bogus.close();
    });

    it('keeps the window bounded by age and count, always keeping the newest event', async () => {
      const topic = freshTopic();
      for (let i = 0; i < 3; i++) await publish(topic, i);
      const future = new Date(Date.now() + 60 * 60_000);
      await pruneLiveEvents(t.deps.db.kysely, future, { liveReplayMinutes: 15, liveReplayEvents: 10_000 });
      const rows = await t.deps.db.kysely.selectFrom('live_events').select('id').execute();
      expect(rows).toHaveLength(1);
    });
  });
}

describe('live stream caps', () => {
  let t: TestApp;
  let base = '';
  beforeAll(async () => {
    t = await createTestApp('sqlite', {
      config: { liveMaxStreamsPerNetwork: 2, liveMaxStreams: 4, trustedProxies: ['127.0.0.1'] },
    });
    base = await listen(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const from = (ip: string) => ({ 'x-forwarded-for': ip });

  it('refuses a client network beyond its streams with 429 problem details and Retry-After', async () => {
    const a = await openSse(base, 'topics=goal', from('203.0.113.7'));
    const b = await openSse(base, 'topics=goal', from('203.0.113.7'));
    expect([a.status, b.status]).toEqual([200, 200]);
    const refused = await openSse(base, 'topics=goal', from('203.0.113.7'));
    await refused.ended;
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(refused.body())).toMatchObject({ status: 429, code: 'LIVE_TOO_MANY_STREAMS' });
    // Another address has streams of its own.
    const other = await openSse(base, 'topics=goal', from('203.0.113.8'));
    expect(other.status).toBe(200);
    other.close();
    // A closed stream frees its place.
    a.close();
    let next: Awaited<ReturnType<typeof openSse>> | undefined;
    await until(
      async () => {
        next = await openSse(base, 'topics=goal', from('203.0.113.7'));
        if (next.status !== 200) await next.ended;
        return next.status === 200;
      },
      5_000,
      () => 'the closed stream was never freed',
    );
    next!.close();
    b.close();
  });

  it('counts an IPv6 /64 as one network', async () => {
    const a = await openSse(base, 'topics=goal', from('2001:db8:1:2::1'));
    const b = await openSse(base, 'topics=goal', from('2001:db8:1:2:ffff::9'));
    const c = await openSse(base, 'topics=goal', from('2001:db8:1:2:abcd::3'));
    const d = await openSse(base, 'topics=goal', from('2001:db8:1:3::1'));
    await c.ended;
    expect([a.status, b.status, c.status, d.status]).toEqual([200, 200, 429, 200]);
    for (const s of [a, b, d]) s.close();
  });

  it('refuses beyond the process cap with 503 problem details and Retry-After', async () => {
    // Wait for the streams of the tests above to be gone.
    await until(
      async () => {
        const probe = await openSse(base, 'topics=goal', from('198.51.100.200'));
        probe.close();
        return probe.status === 200;
      },
      5_000,
      () => 'earlier streams still open',
    );
    const open = [];
    for (let i = 1; i <= 4; i++) {
      const s = await openSse(base, 'topics=goal', from(`198.51.100.${i}`));
      await s.until(isType('ready'));
      open.push(s);
    }
    expect(open.map((s) => s.status)).toEqual([200, 200, 200, 200]);
    const refused = await openSse(base, 'topics=goal', from('198.51.100.9'));
    await refused.ended;
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(refused.body())).toMatchObject({ status: 503, code: 'LIVE_BUSY' });
    for (const s of open) s.close();
  });
});
