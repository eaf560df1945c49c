/**
 * The one place escaping is decided: pages are Preact components rendered to a string (escaping by
 * default). Pre-rendered fragments enter only as `Raw`, whose HTML came from a sanitizer or from the
 * escaping `html` template.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren, VNode } from 'preact';
import type { Viewer } from '../platform/roles.js';

export type { Viewer };

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

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a full page in the site layout and sends it. */
    page(meta: PageMeta, body: ComponentChildren, status?: number): Promise<FastifyReply>;
  }
  interface FastifyInstance {
    /** Renders a full page in the site's layout (set by the app, see src/shell/page.tsx). */
    renderPage: PageRenderer;
  }
}

/** Renders `body` as a full page in the site's layout and sends it with `status`. */
export type PageRenderer = (
  request: FastifyRequest,
  reply: FastifyReply,
  meta: PageMeta,
  body: ComponentChildren,
  status?: number,
) => Promise<FastifyReply>;
