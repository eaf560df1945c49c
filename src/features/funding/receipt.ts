/** The receipt mail for a confirmed gift, queued in the transaction that confirms it, in the site's language. */
import type { OutgoingMail } from '../../platform/outbox.repo.js';
import type { I18n } from '../../platform/i18n.js';
import { html, trusted } from '../../lib/html.js';
import { manageUrl, supporterUrl } from './funding-links.js';
import { methodLabel, type Frequency } from './donation.types.js';

export interface ReceiptFacts {
  to: string;
  siteName: string;
  siteUrl: string;
  secretKey: string;
  amountMinor: number;
  currency: string;
  donatedAt: string;
  /** The site's language and time zone, read when the gift is confirmed: the date is the day of the gift there. */
  i18n: I18n;
  month: string;
  frequency: Frequency;
  method: string;
  /** Reference shown on the receipt (our gift id). */
  giftId: number;
  /** Monthly gifts: the pledge whose manage link goes in the mail. */
  pledgeId: number | null;
}

export function receiptMail(f: ReceiptFacts): OutgoingMail {
  const { i18n } = f;
  const { t } = i18n;
  const amount = i18n.money(f.amountMinor, f.currency);
  const date = i18n.date(f.donatedAt);
  const monthly = f.frequency === 'monthly';
  const manage = monthly && f.pledgeId !== null ? manageUrl(f.siteUrl, f.secretKey, f.pledgeId) : null;
  const badge = supporterUrl(f.siteUrl, f.secretKey, f.to);
  const ledger = `${f.siteUrl}/ledger`;
  const site = f.siteName;
  const received = { frequency: f.frequency, amount, date, month: i18n.month(f.month) };
  const payment = t('funding.receipt_payment_value', { method: methodLabel(i18n, f.method), frequency: f.frequency });
  const lines = [
    t('funding.receipt_thanks', { site }),
    '',
    t('funding.receipt_received', received),
    '',
    t('funding.receipt_line', { label: t('funding.receipt_amount'), value: amount }),
    t('funding.receipt_line', { label: t('funding.receipt_date'), value: date }),
    t('funding.receipt_line', { label: t('funding.receipt_payment'), value: payment }),
    t('funding.receipt_line', { label: t('funding.receipt_reference'), value: String(f.giftId) }),
    '',
    ...(manage ? [t('funding.receipt_manage_text', { url: manage }), ''] : []),
    t('funding.receipt_badge_text', { url: badge }),
    t('funding.receipt_ledger_text', { url: ledger }),
    '',
    t('funding.receipt_keep', { site }),
  ];
  // Tags in the messages become markup; every value is escaped by `html`.
  const strong = (chunks: string[]) => `<strong>${chunks.join('')}</strong>`;
  // The language and direction come from the fixed list in src/platform/i18n.ts.
  const th = trusted(`<th align="${i18n.dir === 'rtl' ? 'right' : 'left'}">`);
  const htmlTag = trusted(`<html lang="${i18n.intlLocale}" dir="${i18n.dir}">`);
  const row = (label: string, value: string) => html`<tr>${th}${label}</th><td>${value}</td></tr>`;
  const body = html`<!doctype html>${htmlTag}<head><meta charset="utf-8"><title>${site}</title></head><body>
<p>${t('funding.receipt_thanks', { site })}</p>
<p>${trusted(richHtml(i18n, 'funding.receipt_received_html', received, { b: strong }))}</p>
<table>
${row(t('funding.receipt_amount'), amount)}
${row(t('funding.receipt_date'), date)}
${row(t('funding.receipt_payment'), payment)}
${row(t('funding.receipt_reference'), String(f.giftId))}
</table>
${manage ? html`<p><a href="${manage}">${t('funding.receipt_manage_link')}</a></p>` : ''}
<p><a href="${badge}">${t('funding.receipt_badge_link')}</a> · <a href="${ledger}">${t('funding.ledger_link')}</a></p>
<p>${t('funding.receipt_keep', { site })}</p>
</body></html>`;
  return {
    to: f.to,
    subject: t('funding.receipt_subject', { frequency: f.frequency, amount, site }),
    text: lines.join('\n'),
    html: body.value,
    kind: 'receipt',
  };
}

/** A message with tags as HTML: its values escaped, each tag's markup from `tags`. */
function richHtml(
  i18n: I18n,
  key: string,
  values: Record<string, string>,
  tags: Record<string, (chunks: string[]) => string>,
): string {
  const escaped = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, html`${v}`.value]));
  const parts = i18n.rich(key, { ...escaped, ...tags });
  return Array.isArray(parts) ? parts.join('') : String(parts);
}
