/**
 * A small Stripe-compatible HTTP server on 127.0.0.1 for tests: the only stand-in in the funding tests,
 * because Stripe is outside the machine. It answers the few endpoints the app calls, with the response
 * shapes of API version 2025-10-29.clover, checks the API key like Stripe does, honours idempotency
 * keys, and records every request (decoded form body) so tests can assert on amounts, currency, mode
 * and metadata.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  idempotencyKey: string | undefined;
}

export interface FakeStripe {
  /** e.g. http://127.0.0.1:41234 — give it to the app as STRIPE_API_BASE. */
  url: string;
  apiKey: string;
  requests: RecordedRequest[];
  /** Sessions created, by id. */
  sessions: Map<string, Record<string, unknown>>;
  /** Makes GET /v1/invoice_payments find `invoiceId` for a payment intent (a monthly gift's payment). */
  linkInvoicePayment(paymentIntentId: string, invoiceId: string): void;
  /** The next `n` requests fail with a Stripe API error of this HTTP status. */
  failNext(status: number, n?: number): void;
  close(): Promise<void>;
}

export const fakeId = (prefix: string): string => `${prefix}_test_${randomBytes(12).toString('hex')}`;

/** Decodes Stripe's form encoding (`a[b][0][c]=v`) into nested objects and arrays. */
export function decodeStripeForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= /^\d+$/.test(path[i + 1]!) ? [] : {}) as Record<string, unknown>;
    });
  }
  return root;
}

const stripeError = (res: http.ServerResponse, status: number, message: string, type = 'invalid_request_error') => {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': fakeId('req') });
  res.end(JSON.stringify({ error: { type, message } }));
};

export async function startFakeStripe(apiKey = `sk_test_${randomBytes(12).toString('hex')}`): Promise<FakeStripe> {
  const requests: RecordedRequest[] = [];
  const sessions = new Map<string, Record<string, unknown>>();
  const idempotent = new Map<string, string>();
  const invoicePayments = new Map<string, string>();
  let failures: { status: number; left: number } | undefined;

  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      raw += c;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: decodeStripeForm(url.search.slice(1)),
        body: decodeStripeForm(raw),
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      };
      requests.push(rec);
      if (req.headers.authorization !== `Bearer ${apiKey}`)
        return stripeError(res, 401, 'Invalid API Key provided.', 'authentication_error');
      if (failures && failures.left > 0) {
        failures.left--;
        return stripeError(res, failures.status, 'An error occurred with our connection to Stripe.', 'api_error');
      }
      const cacheKey = rec.idempotencyKey ? `${rec.method} ${rec.path} ${rec.idempotencyKey}` : undefined;
      if (cacheKey && idempotent.has(cacheKey)) return send(res, idempotent.get(cacheKey)!, true);
      const answer = route(rec);
      if (!answer) return stripeError(res, 404, `Unrecognized request URL (${rec.method}: ${rec.path}).`);
      const body = JSON.stringify(answer);
      if (cacheKey) idempotent.set(cacheKey, body);
      send(res, body, false);
    });
  });

  function send(res: http.ServerResponse, body: string, replayed: boolean) {
    res.writeHead(200, {
      'content-type': 'application/json',
      'request-id': fakeId('req'),
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
    });
    res.end(body);
  }

  function route(r: RecordedRequest): Record<string, unknown> | undefined {
    const now = Math.floor(Date.now() / 1000);
    if (r.method === 'POST' && r.path === '/v1/checkout/sessions') {
      const b = r.body as {
        mode: string;
        customer_email?: string;
        metadata?: Record<string, string>;
        success_url: string;
        cancel_url: string;
        line_items: Array<{ quantity: string; price_data: { currency: string; unit_amount: string } }>;
      };
      const id = fakeId('cs');
      const item = b.line_items[0]!;
      const amount = Number(item.price_data.unit_amount) * Number(item.quantity);
      const session = {
        id,
        object: 'checkout.session',
        mode: b.mode,
        status: 'open',
        payment_status: 'unpaid',
        amount_subtotal: amount,
        amount_total: amount,
        currency: item.price_data.currency,
        customer: null,
        customer_email: b.customer_email ?? null,
        customer_details: null,
        metadata: b.metadata ?? {},
        success_url: b.success_url,
        cancel_url: b.cancel_url,
        payment_intent: null,
        subscription: null,
        invoice: null,
        created: now,
        expires_at: now + 86_400,
        livemode: false,
        url: `https://checkout.stripe.com/c/pay/${id}`,
      };
      sessions.set(id, session);
      return session;
    }
    if (r.method === 'POST' && r.path === '/v1/billing_portal/sessions') {
      const b = r.body as { customer: string; return_url?: string };
      if (!b.customer) return undefined;
      const id = fakeId('bps');
      return {
        id,
        object: 'billing_portal.session',
        customer: b.customer,
        return_url: b.return_url ?? null,
        created: now,
        livemode: false,
        url: `https://billing.stripe.com/p/session/${id}`,
      };
    }
    if (r.method === 'GET' && r.path === '/v1/invoice_payments') {
      const pi = (r.query.payment as { payment_intent?: string } | undefined)?.payment_intent;
      const invoice = pi ? invoicePayments.get(pi) : undefined;
      const data = invoice
        ? [
            {
              id: fakeId('inpay'),
              object: 'invoice_payment',
              amount_paid: null,
              amount_requested: 0,
              currency: 'usd',
              invoice,
              is_default: true,
              livemode: false,
              payment: { type: 'payment_intent', payment_intent: pi },
              status: 'paid',
              created: now,
            },
          ]
        : [];
      return { object: 'list', data, has_more: false, url: '/v1/invoice_payments' };
    }
    return undefined;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    sessions,
    linkInvoicePayment: (pi, invoice) => {
      invoicePayments.set(pi, invoice);
    },
    failNext: (status, n = 1) => {
      failures = { status, left: n };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
