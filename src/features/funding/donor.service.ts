/**
 * What a donor can do after giving: manage a monthly gift in Stripe's portal, and show or hide the
 * Supporter badge (from the receipt link, or signed in for the account's own e-mail).
 */
import { readSiteIdentity, siteI18n } from '../../platform/site-identity.js';
import { msg } from '../../lib/message.js';
import { AppError } from '../../errors.js';
import { iso } from '../../platform/clock.js';
import { enqueueMail } from '../../platform/outbox.repo.js';
import type { Deps } from '../../deps.js';
import type { FundingDeps } from './campaign.service.js';
import type { Donation, Pledge } from './donation.types.js';
import { manageUrl, readSupporterToken, verifyPledgeToken } from './funding-links.js';
import { PaymentServiceError } from './payment-provider.js';
import { findPledgeById, listActivePledgesByEmail } from './pledge.repo.js';
import { findDonationByStripeId, hasConfirmedGift } from './donation.repo.js';
import { hasSupporterOptIn, optInSupporter, optOutSupporter } from './supporter.repo.js';
import { findUserById } from '../accounts/index.js';

/** The gift a thank-you page is for: the one of the Checkout session Stripe sent the donor back from. */
export async function findThanksGift(
  deps: Pick<FundingDeps, 'db'>,
  sessionId: string | undefined,
): Promise<Donation | undefined> {
  if (!sessionId || !/^cs_[\w]+$/.test(sessionId)) return undefined;
  return findDonationByStripeId(deps.db.kysely, { sessionId });
}

/** The pledge behind a signed manage link, or NOT_FOUND (same answer for a wrong token and a missing pledge). */
export async function pledgeForLink(
  deps: Pick<FundingDeps, 'db' | 'config'>,
  pledgeId: number,
  token: string,
): Promise<Pledge> {
  const pledge = verifyPledgeToken(deps.config.secretKey, pledgeId, token)
    ? await findPledgeById(deps.db.kysely, pledgeId)
    : undefined;
  if (!pledge) throw new AppError('DONOR_LINK_INVALID', msg('funding.error_manage_link_invalid'));
  return pledge;
}

/** A Stripe customer-portal session for the donor behind a signed link. */
export async function openPortal(
  deps: FundingDeps & Pick<Deps, 'payments'>,
  pledgeId: number,
  token: string,
): Promise<string> {
  const provider = deps.payments;
  const pledge = await pledgeForLink(deps, pledgeId, token);
  if (!pledge.stripeCustomerId) throw new AppError('PLEDGE_NOT_READY', msg('funding.error_pledge_not_ready'));
  if (!provider.canCharge) throw new AppError('GIVING_NOT_CONFIGURED', msg('funding.error_giving_off_portal'));
  try {
    const { url } = await provider.createPortalSession(
      pledge.stripeCustomerId,
      `${deps.config.siteUrl}/donate/manage/${pledge.id}?t=${token}`,
    );
    return url;
  } catch (err) {
    if (!(err instanceof PaymentServiceError)) throw err;
    deps.log.error({ detail: err.detail }, 'portal session failed');
    throw new AppError('PAYMENT_UNAVAILABLE', msg('funding.error_payment_unavailable'), { cause: err });
  }
}

/**
 * Mails the manage links of an address's active monthly gifts. The answer is the same whether or not
 * the address has any, so the form reveals nothing about who gives.
 */
export async function sendManageLinks(deps: FundingDeps, email: string): Promise<void> {
  const address = email.trim().toLowerCase();
  const now = deps.clock.now();
  // The mail is in the site's language as it is when the link is asked for.
  const site = await readSiteIdentity(deps);
  const siteName = site.name;
  const i18n = siteI18n(site);
  await deps.db.kysely.transaction().execute(async (trx) => {
    const pledges = await listActivePledgesByEmail(trx, address);
    if (pledges.length === 0) return;
    const { siteUrl, secretKey } = deps.config;
    const lines = pledges.map((p) =>
      i18n.t('funding.manage_mail_line', {
        amount: i18n.money(p.amountMinor, p.currency),
        date: i18n.date(p.startedAt),
        url: manageUrl(siteUrl, secretKey, p.id),
      }),
    );
    await enqueueMail(
      trx,
      {
        to: address,
        kind: 'pledge_manage',
        subject: i18n.t('funding.manage_mail_subject', { site: siteName }),
        text: [
          i18n.t('funding.manage_mail_intro', { site: siteName }),
          '',
          ...lines,
          '',
          i18n.t('funding.manage_mail_ignore'),
        ].join('\n'),
      },
      now,
    );
  });
}

/**
 * Whose badge a request manages: the e-mail in a signed receipt link, or the signed-in account's own
 * e-mail (verified by the site). Both name one address; nothing else can.
 */
export type SupporterKey = { token: string } | { userId: number };

export interface SupporterState {
  email: string;
  /** Gave a confirmed gift (not fully refunded). */
  gave: boolean;
  optedIn: boolean;
}

async function supporterEmail(deps: Pick<FundingDeps, 'db' | 'config'>, key: SupporterKey): Promise<string> {
  if ('token' in key) {
    const email = readSupporterToken(deps.config.secretKey, key.token);
    if (!email) throw new AppError('DONOR_LINK_INVALID', msg('funding.error_supporter_link_invalid'));
    return email;
  }
  const user = await findUserById(deps.db.kysely, key.userId);
  if (!user || user.disabled) throw new AppError('DONOR_SIGN_IN_REQUIRED', msg('funding.error_sign_in_first'));
  return user.email;
}

export async function supporterState(
  deps: Pick<FundingDeps, 'db' | 'config'>,
  key: SupporterKey,
): Promise<SupporterState> {
  const email = await supporterEmail(deps, key);
  const [gave, optedIn] = await Promise.all([
    hasConfirmedGift(deps.db.kysely, email),
    hasSupporterOptIn(deps.db.kysely, email),
  ]);
  return { email, gave, optedIn };
}

/**
 * Shows or hides the badge of one address. The opt-in and the bump of the discussions that address's
 * account commented on are one transaction, so no cached list outlives the change.
 */
export async function setSupporterBadge(
  deps: Pick<FundingDeps, 'db' | 'config' | 'clock' | 'hooks'>,
  key: SupporterKey,
  show: boolean,
): Promise<SupporterState> {
  const state = await supporterState(deps, key);
  const now = iso(deps.clock.now());
  await deps.db.kysely.transaction().execute(async (trx) => {
    const changed = show ? await optInSupporter(trx, state.email, now) : await optOutSupporter(trx, state.email);
    if (changed) await deps.hooks.funding.badgeChanged.run(trx, { email: state.email });
  });
  return { ...state, optedIn: show };
}
