import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { listSections } from '../features/articles/index.js';
import type { Section } from '../features/articles/index.js';
import { createCampaignLoader } from '../features/funding/index.js';
import { siteNavigation } from '../features/navigation/index.js';
import { readSiteIdentity } from '../platform/site-identity.js';
import type { Chrome, ChromeLoader } from './page.js';

/** Sections change rarely; a few seconds of staleness across processes is acceptable for navigation. */
const SECTIONS_TTL_MS = 10_000;

/** The navigation's sections and when they were read; one per context (deps.caches.sections). */
export interface SectionCache {
  current?: { at: number; value: Section[] };
}

export function createChromeLoader(deps: Deps): ChromeLoader {
  const cache = deps.caches.sections;
  const loadCampaign = createCampaignLoader(deps);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<Chrome> => {
    const now = deps.clock.now();
    const cached = cache.current;
    const sections =
      !cached || now.getTime() - cached.at > SECTIONS_TTL_MS || now.getTime() < cached.at
        ? (cache.current = { at: now.getTime(), value: await listSections(deps.db.kysely) })
        : cached;
    // The bar is one indexed row: raised_minor is kept in step with donations on write.
    const campaign = await loadCampaign(now);
    const viewer = request.viewer;
    // From this process's cache: no query unless a save was announced since the last page.
    const site = await readSiteIdentity(deps);
    // From this process's cache as well: the publisher's items, or every section while nothing was saved.
    const nav = await siteNavigation(deps, sections.value, now.getTime());
    return {
      siteName: site.name,
      site,
      siteUrl: deps.config.siteUrl,
      sections: sections.value,
      nav,
      path: request.url.split('?')[0] ?? '',
      campaign,
      viewer,
      csrfToken: viewer ? reply.formToken() : null,
    };
  };
}
