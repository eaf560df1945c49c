/**
 * The one schema of an API error: RFC 9457 problem details as src/web/error-handler.tsx writes them. It is
 * registered once (`app.addSchema(ProblemSchema)`), so the OpenAPI document carries it as
 * `#/components/schemas/Problem`, and every /api route references it for its 4xx and 5xx answers through
 * `problemResponses`. The same schema serializes the error: a field not in it cannot leave.
 */
import { Type } from 'typebox';
import { ERRORS, type ErrorCode } from '../errors.js';

export const PROBLEM_SCHEMA_ID = 'Problem';

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'The code as a tag URI (`tag:broadsheet,2026:error:<code>`); not fetched.' }),
    title: Type.String({ description: 'The message, safe to show.' }),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.String({ description: 'The message, safe to show (the same as `title`).' }),
    code: Type.Unsafe<ErrorCode>({
      type: 'string',
      enum: Object.keys(ERRORS),
      description: 'The stable error code (docs/errors.md); clients match on it, never on the message.',
    }),
    fields: Type.Optional(
      Type.Record(Type.String(), Type.String(), { description: 'Per-field messages, for a form’s fields.' }),
    ),
  },
  { $id: PROBLEM_SCHEMA_ID, title: PROBLEM_SCHEMA_ID, description: 'RFC 9457 problem details.' },
);

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Type.Ref(PROBLEM_SCHEMA_ID) } },
});

/** Errors every /api route may answer, whatever it does. */
const COMMON: Record<number, string> = {
  400: 'Invalid input (INVALID_INPUT, NUL_BYTE, or a code of the route).',
  429: 'Too many requests (RATE_LIMITED); Retry-After says when to try again.',
  500: 'An unexpected fault (INTERNAL).',
  503: 'The database is unavailable or busy (DATABASE_UNAVAILABLE, DATABASE_BUSY); Retry-After says when to try again.',
};

/**
 * The `response` entries of a route's errors: the common ones and `extra` (status → when), each a
 * problem+json body referencing the shared schema.
 */
export function problemResponses(
  extra: Record<number, string> = {},
): Record<number, ReturnType<typeof problemResponse>> {
  const all = { ...COMMON, ...extra };
  return Object.fromEntries(Object.entries(all).map(([status, why]) => [Number(status), problemResponse(why)]));
}
