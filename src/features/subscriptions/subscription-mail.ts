/**
 * The words of subscription mail: plain text plus a simple HTML part built with the escaping `html`
 * template. No images, no tracking pixels, no third-party resources, no redirecting links: every URL
 * points at the site itself.
 */
import { DEFAULT_TIME_ZONE, formatDateTime } from '../../lib/time-zone.js';
import { html, type SafeHtml } from '../../lib/html.js';
import type { OutgoingMail } from '../../platform/outbox.repo.js';
import type { SubscriptionKind } from './subscription.repo.js';

export interface MailSite {
  siteName: string;
  siteUrl: string;
  /** Path of the publisher's logo (PNG) and its drawn size, shown atop the HTML part instead of the name. */
  siteLogo?: { path: string; width: number; height: number } | null;
  /** The site's time zone (set in /admin/site): times in mail are shown in it; UTC when absent. */
  siteTimeZone?: string;
}

const KIND_PHRASE: Record<SubscriptionKind, string> = {
  all: 'new follow-up comments',
  replies: 'new replies to your comments',
};

export const kindPhrase = (k: SubscriptionKind): string => KIND_PHRASE[k];

/** Plain-text excerpt of sanitized comment HTML: tags dropped, entities decoded, at most `max` characters, cut at a word. */
export function excerptOf(bodyHtml: string, max = 300): string {
  const text = bodyHtml
    .replace(/<(br|\/p|\/li|\/blockquote)[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#39|nbsp);/gi, (_, e: string) => {
      const l = e.toLowerCase();
      if (l.startsWith('#x')) return String.fromCodePoint(parseInt(l.slice(2), 16));
      if (l.startsWith('#')) return String.fromCodePoint(Number(l.slice(1)));
      return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' } as Record<string, string>)[l] ?? '';
    })
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The logo (alt text: the name) when the publisher set one, else the name. */
function masthead(site: MailSite): SafeHtml | string {
  const logo = site.siteLogo;
  if (!logo) return site.siteName;
  return html`<img src="${site.siteUrl}${logo.path}" alt="${site.siteName}" width="${String(logo.width)}" height="${String(logo.height)}" style="display: block; border: 0; max-width: 100%; height: auto;">`;
}

function page(site: MailSite, body: SafeHtml): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${site.siteName}</title></head>
<body style="font-family: Georgia, serif; color: #161616; background: #ffffff; line-height: 1.5; max-width: 40rem; margin: 0 auto; padding: 1rem;">
<p style="font-weight: bold; margin: 0 0 1rem;"><a href="${site.siteUrl}/" style="color: #161616; text-decoration: none;">${masthead(site)}</a></p>
${body}
</body></html>`.value;
}

export function confirmationMail(p: {
  site: MailSite;
  to: string;
  headline: string;
  articleUrl: string;
  kind: SubscriptionKind;
  isChange: boolean;
  confirmUrl: string;
}): OutgoingMail {
  const what = `${kindPhrase(p.kind)} on “${p.headline}”`;
  const intro = p.isChange
    ? `Someone asked to change your e-mail subscription to ${what}.`
    : `Someone — we hope you — asked to be e-mailed about ${what}.`;
  const text = [
    intro,
    '',
    'To confirm, open this link and press the button:',
    p.confirmUrl,
    '',
    'The link works for 7 days. If you did not ask for this, ignore this mail: nothing more will be sent to you.',
    '',
    `Article: ${p.articleUrl}`,
    '',
    `— ${p.site.siteName}`,
  ].join('\n');
  const body = html`<p>${intro}</p>
<p><a href="${p.confirmUrl}" style="display: inline-block; background: #1d4f91; color: #ffffff; padding: 0.6rem 1rem; text-decoration: none; border-radius: 4px;">Confirm the subscription</a></p>
<p>The link works for 7 days. If you did not ask for this, ignore this mail: nothing more will be sent to you.</p>
<p>Article: <a href="${p.articleUrl}">${p.headline}</a></p>`;
  return {
    to: p.to,
    kind: 'subscription_confirm',
    subject: `Please confirm: ${what}`,
    text,
    html: page(p.site, body),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

export function manageLinkMail(p: { site: MailSite; to: string; manageUrl: string }): OutgoingMail {
  const text = [
    `Here is the link to see and change your comment subscriptions on ${p.site.siteName}:`,
    p.manageUrl,
    '',
    'It works for 30 days. If you did not ask for it, you can ignore this mail.',
    '',
    `— ${p.site.siteName}`,
  ].join('\n');
  const body = html`<p>Here is the link to see and change your comment subscriptions on ${p.site.siteName}:</p>
<p><a href="${p.manageUrl}">Manage your subscriptions</a></p>
<p>It works for 30 days. If you did not ask for it, you can ignore this mail.</p>`;
  return {
    to: p.to,
    kind: 'subscription_manage',
    subject: `Your comment subscriptions on ${p.site.siteName}`,
    text,
    html: page(p.site, body),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/** One comment as a digest lists it. */
export interface DigestItem {
  authorName: string;
  excerpt: string;
  url: string;
  createdAt: string;
  /** The comment answers one of the subscriber's own comments. */
  repliesToYou: boolean;
}

export interface DigestInput {
  site: MailSite;
  to: string;
  headline: string;
  articleUrl: string;
  kind: SubscriptionKind;
  items: DigestItem[];
  /** Comments beyond those listed. */
  more: number;
  unsubscribeUrl: string;
  manageUrl: string;
  /** For List-Id: a stable identifier of this article's comment list. */
  listId: string;
}

function digestSubject(d: DigestInput): string {
  const n = d.items.length + d.more;
  const replies = d.items.filter((i) => i.repliesToYou).length;
  if (n === 1) return replies === 1 ? `New reply to your comment on “${d.headline}”` : `New comment on “${d.headline}”`;
  if (replies === n) return `${n} new replies to your comments on “${d.headline}”`;
  return `${n} new comments on “${d.headline}”`;
}

export function digestMail(d: DigestInput): OutgoingMail {
  const subject = digestSubject(d);
  const when = (at: string) => formatDateTime(at, d.site.siteTimeZone ?? DEFAULT_TIME_ZONE, 'medium');
  const why = `You get this because you subscribed to ${kindPhrase(d.kind)} on this article.`;
  const text = [
    `${subject}`,
    '',
    ...d.items.flatMap((i) => [
      `${i.authorName}${i.repliesToYou ? ' replied to you' : ''} (${when(i.createdAt)}):`,
      `  ${i.excerpt}`,
      `  ${i.url}`,
      '',
    ]),
    ...(d.more > 0 ? [`…and ${d.more} more: ${d.articleUrl}#comments`, ''] : []),
    '--',
    why,
    `Unsubscribe from this article: ${d.unsubscribeUrl}`,
    `Manage all your subscriptions: ${d.manageUrl}`,
    '',
    `— ${d.site.siteName}`,
  ].join('\n');
  const body = html`<h1 style="font-size: 1.2rem;">${subject}</h1>
${d.items.map(
  (i) => html`<div style="border-left: 3px solid #d9d4c7; padding-left: 0.75rem; margin: 0 0 1rem;">
<p style="margin: 0;"><strong>${i.authorName}</strong>${i.repliesToYou ? ' replied to you' : ''} <span style="color: #4a4a4a;">· ${when(i.createdAt)}</span></p>
<p style="margin: 0.25rem 0;">${i.excerpt}</p>
<p style="margin: 0;"><a href="${i.url}">Read and reply</a></p></div>`,
)}
${d.more > 0 ? html`<p><a href="${d.articleUrl}#comments">…and ${d.more} more</a></p>` : ''}
<hr style="border: 0; border-top: 1px solid #d9d4c7;">
<p style="font-size: 0.9rem; color: #4a4a4a;">${why}<br><a href="${d.unsubscribeUrl}">Unsubscribe from this article</a> · <a href="${d.manageUrl}">Manage all your subscriptions</a></p>`;
  return {
    to: d.to,
    kind: 'comment_notification',
    subject,
    text,
    html: page(d.site, body),
    headers: {
      // RFC 2369 + RFC 8058: mail clients show an "Unsubscribe" button that POSTs to this URL.
      'List-Unsubscribe': `<${d.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': `Comments on ${d.headline.replace(/[<>"\r\n]/g, '').slice(0, 80)} <${d.listId}>`,
      'Auto-Submitted': 'auto-generated',
    },
  };
}
