/**
 * A form sends a field once per ticked box: two ticked bylines arrive as `['3', '7']`, one as `'3'`.
 * Every field a route's schema declares as an array is made an array here, before validation, for every
 * route at once. The schema's own coercion would do it too, but only when the whole form is valid: a form
 * refused for another field (a headline too long) reached its error page with the single string, and the
 * page that shows the form again broke on it.
 */
import type { FastifyRequest } from 'fastify';

interface ObjectSchema {
  type?: unknown;
  properties?: Record<string, { type?: unknown }>;
}

const arrayFieldsCache = new WeakMap<object, string[]>();

/** The top-level properties an object schema declares as arrays. */
export function arrayFieldsOf(schema: unknown): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const cached = arrayFieldsCache.get(schema);
  if (cached) return cached;
  const props = (schema as ObjectSchema).properties ?? {};
  const fields = Object.entries(props)
    .filter(([, p]) => p && (p.type === 'array' || (Array.isArray(p.type) && p.type.includes('array'))))
    .map(([name]) => name);
  arrayFieldsCache.set(schema, fields);
  return fields;
}

/** Wraps a single value of each array field in an array (in place); absent fields stay absent. */
export function normalizeArrayFields(input: unknown, fields: readonly string[]): void {
  if (fields.length === 0 || !input || typeof input !== 'object' || Array.isArray(input)) return;
  const record = input as Record<string, unknown>;
  for (const name of fields) {
    const value = record[name];
    if (value !== undefined && !Array.isArray(value)) record[name] = [value];
  }
}

/** The preValidation hook: body and query string, by the route's schema. */
export async function normalizeFormArrays(request: FastifyRequest): Promise<void> {
  const schema = request.routeOptions.schema;
  if (!schema) return;
  normalizeArrayFields(request.body, arrayFieldsOf(schema.body));
  normalizeArrayFields(request.query, arrayFieldsOf(schema.querystring));
}
