import type { AppError } from '../../../errors.js';
import { ErrorSummary, TextField, fieldErrors } from '../../../web/forms.js';
import type { LinkPurpose } from '../account-link.js';
import { PASSWORD_MIN } from '../password.service.js';
import { useI18n } from '../../../web/i18n-context.js';

export function ForgotPasswordPage({
  csrf,
  email,
  error,
  sent,
}: {
  csrf: string;
  email?: string;
  error?: AppError;
  sent?: boolean;
}) {
  const errors = fieldErrors(error);
  const { t } = useI18n();
  return (
    <div class="narrow">
      <h1>{t('accounts.forgot_title')}</h1>
      {sent ? (
        <p class="notice notice-ok" role="status">
          {t('accounts.forgot_sent')}
        </p>
      ) : (
        <p>{t('accounts.forgot_intro')}</p>
      )}
      <ErrorSummary error={error} labels={{ email: t('accounts.field_email') }} />
      <form class="form" method="post" action="/password/forgot">
        <input type="hidden" name="_csrf" value={csrf} />
        <TextField
          name="email"
          label={t('accounts.field_email')}
          type="email"
          value={email}
          required
          autocomplete="email"
          maxLength={320}
          error={errors.email}
        />
        <div>
          <button type="submit">{t('accounts.forgot_submit')}</button>
        </div>
      </form>
      <p>
        <a href="/login">{t('accounts.forgot_back')}</a>
      </p>
    </div>
  );
}

export function SetPasswordPage({
  csrf,
  token,
  purpose,
  name,
  next,
  error,
}: {
  csrf: string;
  token: string;
  purpose: LinkPurpose;
  name: string;
  next: string;
  error?: AppError;
}) {
  const errors = fieldErrors(error);
  const { t } = useI18n();
  return (
    <div class="narrow">
      <h1>{t('accounts.set_title', { purpose })}</h1>
      <p>{t('accounts.set_intro', { purpose, name })}</p>
      <ErrorSummary
        error={error}
        labels={{ password: t('accounts.field_password'), confirm: t('accounts.field_repeat_password') }}
      />
      <form class="form" method="post" action="/password/reset">
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="next" value={next} />
        <TextField
          name="password"
          label={t('accounts.field_new_password')}
          type="password"
          required
          autocomplete="new-password"
          maxLength={200}
          error={errors.password}
          hint={t('accounts.password_min_hint', { min: PASSWORD_MIN })}
        />
        <TextField
          name="confirm"
          label={t('accounts.field_repeat_new_password')}
          type="password"
          required
          autocomplete="new-password"
          maxLength={200}
          error={errors.confirm}
        />
        <div>
          <button type="submit">{t('accounts.set_submit')}</button>
        </div>
      </form>
    </div>
  );
}

/** A password link that cannot be used (expired, spent, forged); the code is on the message, for scripts and tests. */
export function LinkProblemPage({ error }: { error: AppError }) {
  const { t, text } = useI18n();
  return (
    <div class="narrow">
      <h1>{t('accounts.link_problem_title')}</h1>
      <p data-error-code={error.code}>{text(error.text)}</p>
      <p>
        <a href="/password/forgot">{t('accounts.link_problem_new')}</a>
      </p>
    </div>
  );
}
