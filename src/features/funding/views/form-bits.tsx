/** Small accessible form pieces shared by the funding pages: errors tied to their fields. */
import type { ComponentChildren } from 'preact';
import { useI18n } from '../../../web/i18n-context.js';

export type FieldErrors = Record<string, string>;

/** Props that tie an input to its error message for assistive technology. */
export function errorProps(
  errors: FieldErrors,
  name: string,
  hintId?: string,
): Record<string, string | boolean | undefined> {
  const err = errors[name];
  const describedBy = [hintId, err ? `${name}-error` : undefined].filter(Boolean).join(' ');
  return { 'aria-invalid': err ? 'true' : undefined, 'aria-describedby': describedBy || undefined };
}

export function FieldError({ errors, name }: { errors: FieldErrors; name: string }) {
  const err = errors[name];
  return err ? (
    <p class="field-error" id={`${name}-error`}>
      {err}
    </p>
  ) : null;
}

/** The summary at the top of a form that failed: focusable, announced, with links to each field. */
export function ErrorSummary({
  errors,
  labels,
  code,
}: {
  errors: FieldErrors;
  labels: Record<string, string>;
  /** The error's code (docs/errors.md), for clients and tests; the text is for people. */
  code?: string;
}) {
  const { t } = useI18n();
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="notice notice-error" role="alert" tabIndex={-1} id="form-errors" data-error-code={code}>
      <p>{t('funding.form_errors_heading')}</p>
      <ul>
        {entries.map(([name, msg]) => (
          <li>
            <a href={`#${labels[name] ? `f-${name}` : 'main'}`}>
              {labels[name] ? t('funding.form_error_item', { label: labels[name], message: msg }) : msg}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function TextField(p: {
  name: string;
  label: string;
  value: string;
  errors: FieldErrors;
  type?: string;
  hint?: string;
  required?: boolean;
  maxLength?: number;
  inputMode?: 'decimal' | 'numeric' | 'email';
  autoComplete?: string;
  children?: ComponentChildren;
}) {
  const hintId = p.hint ? `${p.name}-hint` : undefined;
  return (
    <div class="field">
      <label for={`f-${p.name}`}>{p.label}</label>
      {p.hint && (
        <p class="hint" id={hintId}>
          {p.hint}
        </p>
      )}
      <input
        id={`f-${p.name}`}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value}
        required={p.required}
        maxLength={p.maxLength}
        inputMode={p.inputMode}
        autoComplete={p.autoComplete}
        {...errorProps(p.errors, p.name, hintId)}
      />
      <FieldError errors={p.errors} name={p.name} />
      {p.children}
    </div>
  );
}
