/**
 * The words of subscription mail: plain text plus a simple HTML part built with the escaping `html`
 * template. No images, no tracking pixels, no third-party resources, no redirecting links: every URL
 * points at the site itself.
 */
import { html, type SafeHtml } from '../../lib/html.js';
import type { I18n } from '../../platform/i18n.js';
import type { OutgoingMail } from '../../platform/outbox.repo.js';
import type { SubscriptionKind } from './subscription.repo.js';

export interface MailSite {
  siteName: string;
  siteUrl: string;
  /** Path of the publisher's logo (PNG) and its drawn size, shown atop the HTML part instead of the name. */
  siteLogo?: { path: string; width: number; height: number } | null;
  /**
   * The site's language and time zone (set in /admin/site), read when the mail is queued: every text of the mail
   * is in it and times are shown in its zone (`siteI18n(identity)`).
   */
  i18n: I18n;
}

/** A message whose tags become HTML: `rich(i18n, 'mail.x', { link: (c) => html`<a …>${c}</a>` })`, the rest escaped. */
function richHtml(i18n: I18n, key: string, values: Record<string, unknown>): SafeHtml {
  return html`${i18n.rich(key, values) as string}`;
}

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
  return html`<!doctype html><html lang="${site.i18n.intlLocale}" dir="${site.i18n.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${site.siteName}</title></head>
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
  const { t } = p.site.i18n;
  const about = { kind: p.kind, headline: p.headline };
  const intro = t(p.isChange ? 'mail.confirm_intro_change' : 'mail.confirm_intro', about);
  const expiry = t('mail.confirm_expiry');
  const text = [
    intro,
    '',
    t('mail.confirm_open_link'),
    p.confirmUrl,
    '',
    expiry,
    '',
    t('mail.article_line', { url: p.articleUrl }),
    '',
    `— ${p.site.siteName}`,
  ].join('\n');
  const body = html`<p>${intro}</p>
<p><a href="${p.confirmUrl}" style="display: inline-block; background: #1d4f91; color: #ffffff; padding: 0.6rem 1rem; text-decoration: none; border-radius: 4px;">${t('mail.confirm_button')}</a></p>
<p>${expiry}</p>
<p>${richHtml(p.site.i18n, 'mail.article_link', { headline: p.headline, link: (c: string[]) => html`<a href="${p.articleUrl}">${c}</a>` })}</p>`;
  return {
    to: p.to,
    kind: 'subscription_confirm',
    subject: t('mail.confirm_subject', about),
    text,
    html: page(p.site, body),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

export function manageLinkMail(p: { site: MailSite; to: string; manageUrl: string }): OutgoingMail {
  const { t } = p.site.i18n;
  const intro = t('mail.manage_intro', { site: p.site.siteName });
  const expiry = t('mail.manage_expiry');
  const text = [intro, p.manageUrl, '', expiry, '', `— ${p.site.siteName}`].join('\n');
  const body = html`<p>${intro}</p>
<p><a href="${p.manageUrl}">${t('mail.manage_link')}</a></p>
<p>${expiry}</p>`;
  return {
    to: p.to,
    kind: 'subscription_manage',
    subject: t('mail.manage_subject', { site: p.site.siteName }),
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
  const count = d.items.length + d.more;
  const replies = d.items.filter((i) => i.repliesToYou).length;
  return d.site.i18n.t('mail.digest_subject', {
    count,
    replies: replies === count ? 'all' : 'some',
    headline: d.headline,
  });
}

export function digestMail(d: DigestInput): OutgoingMail {
  const i18n = d.site.i18n;
  const { t } = i18n;
  const subject = digestSubject(d);
  const when = (at: string) => i18n.dateTime(at, 'medium');
  const why = t('mail.digest_why', { kind: d.kind });
  const moreUrl = `${d.articleUrl}#comments`;
  const text = [
    `${subject}`,
    '',
    ...d.items.flatMap((i) => [
      t('mail.digest_item', { author: i.authorName, reply: i.repliesToYou ? 'yes' : 'no', when: when(i.createdAt) }),
      `  ${i.excerpt}`,
      `  ${i.url}`,
      '',
    ]),
    ...(d.more > 0 ? [t('mail.digest_more_line', { count: d.more, url: moreUrl }), ''] : []),
    '--',
    why,
    t('mail.digest_unsubscribe_line', { url: d.unsubscribeUrl }),
    t('mail.digest_manage_line', { url: d.manageUrl }),
    '',
    `— ${d.site.siteName}`,
  ].join('\n');
  const strong = (c: string[]) => html`<strong>${c}</strong>`;
  const body = html`<h1 style="font-size: 1.2rem;">${subject}</h1>
${d.items.map(
  (i) => html`<div style="border-inline-start: 3px solid #d9d4c7; padding-inline-start: 0.75rem; margin: 0 0 1rem;">
<p style="margin: 0;">${richHtml(i18n, i.repliesToYou ? 'mail.digest_item_reply_html' : 'mail.digest_item_html', { author: i.authorName, b: strong })} <span style="color: #4a4a4a;">· ${when(i.createdAt)}</span></p>
<p style="margin: 0.25rem 0;">${i.excerpt}</p>
<p style="margin: 0;"><a href="${i.url}">${t('mail.digest_read_reply')}</a></p></div>`,
)}
${d.more > 0 ? html`<p><a href="${moreUrl}">${t('mail.digest_more', { count: d.more })}</a></p>` : ''}
<hr style="border: 0; border-top: 1px solid #d9d4c7;">
<p style="font-size: 0.9rem; color: #4a4a4a;">${why}<br><a href="${d.unsubscribeUrl}">${t('mail.digest_unsubscribe')}</a> · <a href="${d.manageUrl}">${t('mail.digest_manage')}</a></p>`;
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
      'List-Id': `${t('mail.list_name', { headline: d.headline.replace(/[<>"\r\n]/g, '').slice(0, 80) })} <${d.listId}>`,
      'Auto-Submitted': 'auto-generated',
    },
  };
}
