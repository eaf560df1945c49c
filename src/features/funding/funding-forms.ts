/** How the funding forms come back after an error: the field messages to show, and what was typed. */
import type { AppError } from '../../errors.js';
import { fieldErrors } from '../../web/forms.js';
import type { FieldErrors } from './views/form-bits.js';

/** The field messages of an error shown on a form; one without fields is shown as the form's message. */
export const formErrorsOf = (error: AppError | undefined): FieldErrors =>
  error ? (error.options.fields ? fieldErrors(error) : { form: error.message }) : {};

/**
 * The form's text fields as sent (also when the schema refused the body): each required field is a
 * string ('' when missing), each optional one is there only when it was sent as text.
 */
export function formValues<T>(body: unknown, required: readonly string[], optional: readonly string[] = []): T {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const k of required) out[k] = typeof b[k] === 'string' ? b[k] : '';
  for (const k of optional) if (typeof b[k] === 'string') out[k] = b[k];
  return out as T;
}
