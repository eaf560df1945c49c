/** The site's language for funding's texts written outside a page (live goal updates, receipts, form checks). */
import type { I18n } from '../../platform/i18n.js';
import { readSiteIdentity, siteI18n } from '../../platform/site-identity.js';
import type { Deps } from '../../deps.js';

/** Read when the text is written, so a language chosen in /admin/site applies from the next update or mail. */
export async function fundingI18n(deps: Pick<Deps, 'db' | 'config' | 'bus' | 'caches'>): Promise<I18n> {
  return siteI18n(await readSiteIdentity(deps));
}
