/**
 * Every answer the suite gets from `/api/…` checked against the OpenAPI document the app serves: the route,
 * the status and the media type must be documented, and the body must be valid against that response's
 * schema (Ajv, JSON Schema 2020-12). createTestApp records the answers of `app.inject` and checks them
 * when the app closes, so every test file that talks to the API takes part.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

export interface ApiAnswer {
  method: string;
  url: string;
  status: number;
  /** The media type, without parameters. */
  type: string;
  body: unknown;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
}

/** Addresses under /api that are not API operations: the document itself and its docs page. */
export const isApiOperation = (url: string): boolean =>
  url.startsWith('/api/') && !url.startsWith('/api/openapi.json') && !url.startsWith('/api/docs');

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** A checker for answers against `doc`: null when an answer is documented and valid, else why not. */
export function openApiChecker(doc: OpenApiDoc): (a: ApiAnswer) => string | null {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'openapi');
  const templates = Object.keys(doc.paths)
    .map((p) => ({ p, params: p.match(/\{/g)?.length ?? 0, re: new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`) }))
    // A literal segment wins over a parameter (`/comments/{id}/ban` over `/comments/{id}/{action}`).
    .sort((x, y) => x.params - y.params);
  return (a) => {
    const method = a.method.toLowerCase();
    const path = a.url.split('?')[0] ?? a.url;
    const where = `${a.method} ${a.url} → ${a.status}`;
    const template = templates.find((x) => x.re.test(path) && doc.paths[x.p]?.[method]);
    if (!template) return `${where}: no such operation in the document`;
    const response = doc.paths[template.p]![method]!.responses[String(a.status)];
    if (!response) return `${where}: status not documented`;
    if (a.status === 204 || a.status === 304 || (a.status >= 300 && a.status < 400)) return null;
    if (!Object.keys(response.content ?? {}).includes(a.type))
      return `${where}: ${a.type || 'no media type'} not documented (${Object.keys(response.content ?? {}).join(', ') || 'none'})`;
    const ref = `openapi#/paths/${pointer(template.p)}/${method}/responses/${a.status}/content/${pointer(a.type)}/schema`;
    const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
    return validate(a.body) ? null : `${where}: ${ajv.errorsText(validate.errors)}`;
  };
}
