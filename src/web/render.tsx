/**
 * The one place escaping is decided: pages are Preact components rendered to a string (escaping by
 * default). Pre-rendered fragments enter only as `Raw`, whose HTML came from a sanitizer or from the
 * escaping `html` template.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Section } from '../features/articles/article.types.js';
import type { Campaign } from '../features/funding/campaign.types.js';
import { Layout } from './layout/Layout.js';

/** What the layout needs on every page. */
export interface Chrome {
  siteName: string;
  siteUrl: string;
  sections: Section[];
  /** This month's campaign, or null when the month has none (no bar). */
  campaign: Campaign | null;
  /** The signed-in account, if any. */
  viewer: Viewer | null;
  /** CSRF token for forms in the layout (sign out). */
  csrfToken: string | null;
}

export interface Viewer {
  id: number;
  name: string;
  role: string;
}

/** Head metadata of one page. */
export interface PageMeta {
  title: string;
  description?: string;
  /** Absolute canonical URL. */
  canonical?: string;
  /** Extra elements for <head> (OpenGraph, JSON-LD, feed links). */
  head?: ComponentChildren;
  /** ES modules beyond the site script (site.js), by path under /static/js/ (loaded as `<script type="module">`). */
  scripts?: string[];
  /** Class on <body> for page-specific styles. */
  bodyClass?: string;
}

/** Inserts trusted HTML (sanitized or built with `html`). */
export function Raw({
  html,
  as: Tag = 'div',
  ...rest
}: {
  html: string;
  as?: 'div' | 'section' | 'span';
  class?: string;
  id?: string;
}): VNode {
  return <Tag {...rest} dangerouslySetInnerHTML={{ __html: html }} />;
}

export function renderDocument(chrome: Chrome, meta: PageMeta, body: ComponentChildren): string {
  return (
    '<!doctype html>' +
    renderToString(
      <Layout chrome={chrome} meta={meta}>
        {body}
      </Layout>,
    )
  );
}

/** Loads what the layout needs; set by the app (see app.ts). */
export type ChromeLoader = (request: FastifyRequest, reply: FastifyReply) => Promise<Chrome>;

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a full page in the site layout and sends it. */
    page(meta: PageMeta, body: ComponentChildren, status?: number): Promise<FastifyReply>;
  }
  interface FastifyInstance {
    chromeLoader: ChromeLoader;
  }
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
