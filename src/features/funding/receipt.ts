/** The receipt mail for a confirmed gift, queued in the transaction that confirms it. */
import { dayIn } from '../../lib/time-zone.js';
import type { OutgoingMail } from '../../platform/outbox.repo.js';
import { formatMoney } from '../../lib/money.js';
import { html } from '../../lib/html.js';
import { monthLabel } from './goal.js';
import { manageUrl, supporterUrl } from './funding-links.js';
import { METHOD_LABELS, type Frequency } from './donation.types.js';

export interface ReceiptFacts {
  to: string;
  siteName: string;
  siteUrl: string;
  secretKey: string;
  amountMinor: number;
  currency: string;
  donatedAt: string;
  /** The site's time zone: the date on the receipt is the day of the gift there. */
  timeZone: string;
  month: string;
  frequency: Frequency;
  method: string;
  /** Reference shown on the receipt (our gift id). */
  giftId: number;
  /** Monthly gifts: the pledge whose manage link goes in the mail. */
  pledgeId: number | null;
}

export function receiptMail(f: ReceiptFacts): OutgoingMail {
  const amount = formatMoney(f.amountMinor, f.currency);
  const date = dayIn(f.donatedAt, f.timeZone);
  const monthly = f.frequency === 'monthly';
  const manage = monthly && f.pledgeId !== null ? manageUrl(f.siteUrl, f.secretKey, f.pledgeId) : null;
  const badge = supporterUrl(f.siteUrl, f.secretKey, f.to);
  const lines = [
    `Thank you for supporting ${f.siteName}.`,
    '',
    `We received your ${monthly ? 'monthly ' : ''}gift of ${amount} on ${date}. It counts toward our goal for ${monthLabel(f.month)}.`,
    '',
    `Amount: ${amount}`,
    `Date: ${date}`,
    `Payment: ${METHOD_LABELS[f.method] ?? f.method}${monthly ? ', every month' : ''}`,
    `Reference: ${f.giftId}`,
    '',
    ...(manage ? [`To change or cancel your monthly gift: ${manage}`, ''] : []),
    `Show a Supporter badge on your comments (or hide it): ${badge}`,
    `See where the money goes: ${f.siteUrl}/ledger`,
    '',
    `This receipt confirms your gift to ${f.siteName}. Keep it for your records.`,
  ];
  const body = html`<p>Thank you for supporting ${f.siteName}.</p>
<p>We received your ${monthly ? 'monthly ' : ''}gift of <strong>${amount}</strong> on ${date}. It counts toward our goal for ${monthLabel(f.month)}.</p>
<table>
<tr><th align="left">Amount</th><td>${amount}</td></tr>
<tr><th align="left">Date</th><td>${date}</td></tr>
<tr><th align="left">Payment</th><td>${METHOD_LABELS[f.method] ?? f.method}${monthly ? ', every month' : ''}</td></tr>
<tr><th align="left">Reference</th><td>${f.giftId}</td></tr>
</table>
${manage ? html`<p><a href="${manage}">Change or cancel your monthly gift</a></p>` : ''}
<p><a href="${badge}">Show a Supporter badge on your comments</a> · <a href="${f.siteUrl}/ledger">See where the money goes</a></p>
<p>This receipt confirms your gift to ${f.siteName}. Keep it for your records.</p>`;
  return {
    to: f.to,
    subject: `Your ${monthly ? 'monthly ' : ''}gift of ${amount} to ${f.siteName}: receipt`,
    text: lines.join('\n'),
    html: body.value,
    kind: 'receipt',
  };
}
