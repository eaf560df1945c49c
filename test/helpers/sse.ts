/** A server-sent events client over a plain socket, as a browser's EventSource reads a stream: for tests. */
import http from 'node:http';

export interface SseEvent {
  event: string;
  /** The `id:` line of the event, if it had one. */
  id?: number;
  data: Record<string, unknown>;
}

export interface SseStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body of a refusal (problem details), or what the stream sent so far. */
  body(): string;
  /** Every event received so far, in order. */
  events: SseEvent[];
  /** Waits until `count` events have arrived that `match`; returns them. */
  until(match: (e: SseEvent) => boolean, count?: number, ms?: number): Promise<SseEvent[]>;
  /** Waits for the first event of `type` not yet taken by an earlier `next`, and takes it. */
  next(type: string, ms?: number): Promise<SseEvent>;
  close(): void;
  ended: Promise<void>;
}

/** Opens `GET /live?topics=…` (with `Last-Event-ID`, an X-Forwarded-For … in `headers`) on a connection of its own. */
export function openSse(baseUrl: string, query: string, headers: Record<string, string> = {}): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${baseUrl}/live?${query}`,
      { agent: false, headers: { accept: 'text/event-stream', ...headers } },
      (res) => {
        const events: SseEvent[] = [];
        const waiters = new Set<() => void>();
        let buf = '';
        let all = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buf += chunk;
          all += chunk;
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const event = /^event: (.+)$/m.exec(block)?.[1];
            const data = /^data: (.+)$/m.exec(block)?.[1];
            const id = /^id: (\d+)$/m.exec(block)?.[1];
            if (event && data)
              events.push({
                event,
                data: JSON.parse(data) as Record<string, unknown>,
                ...(id !== undefined && { id: Number(id) }),
              });
          }
          for (const w of [...waiters]) w();
        });
        const ended = new Promise<void>((r) => res.on('close', () => r()));
        const taken = new Set<SseEvent>();
        const until: SseStream['until'] = (match, count = 1, ms = 10_000) =>
          new Promise((ok, fail) => {
            const check = () => {
              const found = events.filter(match);
              if (found.length >= count) {
                clearTimeout(timer);
                waiters.delete(check);
                ok(found);
              }
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`not ${count} matching events within ${ms} ms; got ${JSON.stringify(events)}`));
            }, ms);
            waiters.add(check);
            check();
          });
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: () => all,
          events,
          ended,
          close: () => req.destroy(),
          until,
          next: async (type, ms = 10_000) => {
            const isNext = (e: SseEvent) => e.event === type && !taken.has(e);
            const found = await until(isNext, 1, ms).catch(() => {
              throw new Error(`no ${type} event within ${ms} ms; got ${JSON.stringify(events)}`);
            });
            const first = found[0] as SseEvent;
            taken.add(first);
            return first;
          },
        });
      },
    );
    req.on('error', reject);
  });
}
