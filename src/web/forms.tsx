/**
 * Forms that answer bad input on the form itself. A route passes `formErrors(render)` as its
 * errorHandler: an error whose code the registry (src/errors.ts) marks as a form error (bad input, a
 * conflict, a forged or expired CSRF token, a rejected upload) re-renders the form with the message and
 * the user's input (nothing was changed: services run in one transaction and throw before committing).
 * Anything else, and any error of a JSON request, goes to the site's one error handler.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { AppError } from '../errors.js';
import { handleError, localizeError, requestI18n, toAppError, wantsJson } from './error-handler.js';
import { english, type I18n } from '../platform/i18n.js';
import { useI18n } from './i18n-context.js';

export type FormRenderer = (request: FastifyRequest, reply: FastifyReply, error: AppError) => Promise<FastifyReply>;

export function formErrors(render: FormRenderer) {
  return async (err: unknown, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const appErr = toAppError(err);
    if (!belongsOnForm(appErr, request)) return handleError(err, request, reply);
    request.log.info({ code: appErr.code, internal: appErr.options.internal }, appErr.message);
    reply.code(appErr.status);
    return render(request, reply, localizeError(appErr, requestI18n(request)));
  };
}

/**
 * The same decision for a handler that must render its form from what it has already loaded (the
 * article a comment was posted to): returns the error to show on the form, or rethrows the error for
 * the site's error handler.
 */
export function formError(err: unknown, request: FastifyRequest): AppError {
  const appErr = toAppError(err);
  if (!belongsOnForm(appErr, request)) throw err;
  request.log.info({ code: appErr.code, internal: appErr.options.internal }, appErr.message);
  return localizeError(appErr, requestI18n(request));
}

const belongsOnForm = (err: AppError, request: FastifyRequest): boolean => err.onForm && !wantsJson(request);

/** Per-field messages of an error (already in the site's language: formErrors localizes it), or none. */
export const fieldErrors = (err: AppError | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(err?.options.fields ?? {}).map(([k, v]) => [k, english(v)]));

/** The message box at the top of a form: what went wrong, with a link to each field that needs work. */
export function ErrorSummary({ error, labels = {} }: { error?: AppError | string; labels?: Record<string, string> }) {
  if (!error) return null;
  const message = typeof error === 'string' ? error : error.message;
  const fields = typeof error === 'string' ? {} : fieldErrors(error);
  const entries = Object.entries(fields).filter(([, m]) => m !== message);
  return (
    <div
      class="notice notice-error error-summary"
      role="alert"
      id="form-errors"
      data-error-code={typeof error === 'string' ? undefined : error.code}
    >
      <p>{message}</p>
      {entries.length > 0 && (
        <ul>
          {entries.map(([name, m]) => (
            <li>
              <a href={`#field-${name}`}>
                {labels[name] ? `${labels[name]}: ` : ''}
                {m}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "(required)" after a label, in the site's language. */
function Required() {
  const { t } = useI18n();
  return <span class="required"> {t('common.required')}</span>;
}

interface FieldProps {
  name: string;
  label: string;
  hint?: ComponentChildren;
  error?: string;
}

const describedBy = (name: string, hint: unknown, error: string | undefined): string | undefined =>
  [error ? `field-${name}-error` : '', hint ? `field-${name}-hint` : ''].filter(Boolean).join(' ') || undefined;

function FieldText({ name, hint, error }: Omit<FieldProps, 'label'>) {
  return (
    <>
      {hint && (
        <p class="hint" id={`field-${name}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`field-${name}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

/** A labelled input with its hint and error, wired for screen readers. */
export function TextField(
  p: FieldProps & {
    value?: string | null;
    type?: string;
    required?: boolean;
    maxLength?: number;
    autocomplete?: string;
    inputClass?: string;
    min?: string;
  },
) {
  return (
    <div class={p.error ? 'field field-invalid' : 'field'}>
      <label for={`field-${p.name}`}>
        {p.label}
        {p.required && <Required />}
      </label>
      <FieldText name={p.name} hint={p.hint} error={p.error} />
      <input
        id={`field-${p.name}`}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value ?? ''}
        required={p.required}
        maxLength={p.maxLength}
        autocomplete={p.autocomplete}
        class={p.inputClass}
        min={p.min}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, p.error)}
      />
    </div>
  );
}

export function TextArea(
  p: FieldProps & { value?: string | null; rows?: number; required?: boolean; maxLength?: number; inputClass?: string },
) {
  return (
    <div class={p.error ? 'field field-invalid' : 'field'}>
      <label for={`field-${p.name}`}>
        {p.label}
        {p.required && <Required />}
      </label>
      <FieldText name={p.name} hint={p.hint} error={p.error} />
      <textarea
        id={`field-${p.name}`}
        name={p.name}
        rows={p.rows ?? 3}
        required={p.required}
        maxLength={p.maxLength}
        class={p.inputClass}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, p.error)}
      >
        {p.value ?? ''}
      </textarea>
    </div>
  );
}

export function SelectField(p: FieldProps & { value?: string; options: Array<{ value: string; label: string }> }) {
  return (
    <div class={p.error ? 'field field-invalid' : 'field'}>
      <label for={`field-${p.name}`}>{p.label}</label>
      <FieldText name={p.name} hint={p.hint} error={p.error} />
      <select
        id={`field-${p.name}`}
        name={p.name}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, p.error)}
      >
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === (p.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A notice after a redirect ("Saved."), chosen from a fixed list so a link cannot inject text. */
export function flashMessage(messages: Record<string, string>, key: string | undefined): string | undefined {
  return key !== undefined && Object.hasOwn(messages, key) ? messages[key] : undefined;
}

/** `flashMessage` from a list of catalogue keys, in the reader's language. */
export function flashNotice(
  i18n: Pick<I18n, 't'>,
  messages: Record<string, string>,
  key: string | undefined,
): string | undefined {
  const found = flashMessage(messages, key);
  return found === undefined ? undefined : i18n.t(found);
}
