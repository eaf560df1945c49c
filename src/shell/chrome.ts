import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { listSections } from '../features/articles/index.js';
import type { Section } from '../features/articles/index.js';
import { createCampaignLoader } from '../features/funding/index.js';
import type { Chrome, ChromeLoader } from './page.js';

/** Sections change rarely; a few seconds of staleness across processes is acceptable for navigation. */
const SECTIONS_TTL_MS = 10_000;

export function createChromeLoader(deps: Deps): ChromeLoader {
  let sections: { at: number; value: Section[] } | undefined;
  const loadCampaign = createCampaignLoader(deps);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<Chrome> => {
    const now = deps.clock.now();
    if (!sections || now.getTime() - sections.at > SECTIONS_TTL_MS || now.getTime() < sections.at) {
      sections = { at: now.getTime(), value: await listSections(deps.db.kysely) };
    }
    // The bar is one indexed row: raised_minor is kept in step with donations on write.
    const campaign = await loadCampaign(now);
    const viewer = request.viewer;
    return {
      siteName: deps.config.siteName,
      siteUrl: deps.config.siteUrl,
      sections: sections.value,
      campaign,
      viewer,
      csrfToken: viewer ? reply.generateCsrf() : null,
    };
  };
}
