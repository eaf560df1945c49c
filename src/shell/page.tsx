/**
 * The site's shell: every page is rendered inside the layout with the chrome (site name, sections, the
 * month's goal bar, the viewer). The shell composes features, so it sits above them: features render
 * their pages through `reply.page(meta, body)` and never import the shell.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Section } from '../features/articles/index.js';
import type { Campaign } from '../features/funding/index.js';
import type { NavLink } from '../features/navigation/index.js';
import type { PageMeta, PageRenderer, Viewer } from '../web/render.js';
import { Layout } from './Layout.js';
import { withI18n } from '../web/i18n-context.js';
import { defaultSiteIdentity, siteI18n, type SiteIdentity } from '../platform/site-identity.js';

/** What the layout needs on every page. */
export interface Chrome {
  /** The site's name (site.name), for the many places that show only it. */
  siteName: string;
  /** Name, tagline, accent, footer text and appeal as the publisher set them (or the defaults). */
  site: SiteIdentity;
  siteUrl: string;
  sections: Section[];
  /** The header's and the footer's links (/admin/navigation; by default every section, and the standard footer). */
  nav: { header: NavLink[]; footer: NavLink[] };
  /** The request's path (no query), to mark the current navigation item. */
  path: string;
  /** This month's campaign, or null when the month has none (no bar). */
  campaign: Campaign | null;
  /** The signed-in account, if any. */
  viewer: Viewer | null;
  /** CSRF token for forms in the layout (sign out). */
  csrfToken: string | null;
}

/** Loads what the layout needs for one request. */
export type ChromeLoader = (request: FastifyRequest, reply: FastifyReply) => Promise<Chrome>;

export function renderDocument(chrome: Chrome, meta: PageMeta, body: ComponentChildren): string {
  return (
    '<!doctype html>' +
    renderToString(
      withI18n(
        siteI18n(chrome.site),
        <Layout chrome={chrome} meta={meta}>
          {body}
        </Layout>,
      ),
    )
  );
}

export async function sendPage(
  reply: FastifyReply,
  chrome: Chrome,
  meta: PageMeta,
  body: ComponentChildren,
  status = 200,
): Promise<FastifyReply> {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(renderDocument(chrome, meta, body));
}

/**
 * The page renderer the app decorates itself with. Errors raised before routing (a malformed URL) still get
 * the chrome; when the database itself is what failed, a plain chrome that needs nothing.
 */
export function createPageRenderer(loadChrome: ChromeLoader, siteName: string): PageRenderer {
  return async (request, reply, meta, body, status) => {
    let chrome: Chrome;
    try {
      chrome = await loadChrome(request, reply);
    } catch (err) {
      if (status === undefined || status < 400) throw err;
      request.log.warn({ err }, 'error page without site chrome');
      chrome = {
        siteName,
        site: defaultSiteIdentity({ siteName }),
        siteUrl: '',
        sections: [],
        nav: { header: [], footer: [] },
        path: '',
        campaign: null,
        viewer: null,
        csrfToken: null,
      };
    }
    return sendPage(reply, chrome, meta, body, status);
  };
}
