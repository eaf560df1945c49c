/** The HTML part of subscription mail opens with the publisher's logo (named for screen readers) or the name. */
import { describe, expect, it } from 'vitest';
import { confirmationMail } from '../../src/features/subscriptions/subscription-mail.js';
import { mailLogo } from '../../src/platform/brand-urls.js';
import { i18nFor } from '../../src/platform/i18n.js';

const mail = (siteLogo: ReturnType<typeof mailLogo>) =>
  confirmationMail({
    site: { siteName: 'Ledger & <Co>', siteUrl: 'https://news.example', siteLogo, i18n: i18nFor('en', 'UTC') },
    to: 'reader@example.org',
    headline: 'Bridge reopens',
    articleUrl: 'https://news.example/articles/bridge',
    kind: 'all',
    isChange: false,
    confirmUrl: 'https://news.example/subscriptions/confirm?t=x',
  });

describe('mail masthead', () => {
  it('shows the logo PNG at its drawn size, with the site name as alt text', () => {
    const html = mail(mailLogo({ hash: '0123456789abcdef', width: 448, height: 112 })).html!;
    expect(html).toContain(
      '<img src="https://news.example/brand/logo/0123456789abcdef/logo.png" alt="Ledger &amp; &lt;Co&gt;" width="224" height="56"',
    );
  });

  it('shows the name in text without a logo', () => {
    const html = mail(null).html!;
    expect(html).not.toContain('<img');
    expect(html).toContain('>Ledger &amp; &lt;Co&gt;</a>');
  });
});
