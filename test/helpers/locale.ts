/**
 * Switches a test app's site to another language, as the publisher does in /admin/site: through the same service,
 * so the identity's cache and every page cache hear of it. `publisher`: a publisher's account (makeStaff), for the audit log.
 */
import { readSiteIdentity, saveSiteIdentity } from '../../src/platform/site-identity.js';
import type { LocaleCode } from '../../src/platform/i18n.js';
import type { Deps } from '../../src/deps.js';

export async function setSiteLocale(
  t: { deps: Deps },
  publisher: { id: number },
  locale: LocaleCode,
  timeZone?: string,
): Promise<void> {
  const deps = t.deps;
  const site = await readSiteIdentity(deps);
  await saveSiteIdentity(
    { ...deps, log: deps.log, now: deps.clock.now() },
    { id: publisher.id, role: 'publisher' },
    {
      name: site.name,
      tagline: site.tagline,
      accent: site.accent ?? '',
      footerText: site.footerText,
      appeal: site.appeal,
      timeZone: timeZone ?? site.timeZone,
      typePairing: site.typePairing,
      locale,
    },
  );
}
