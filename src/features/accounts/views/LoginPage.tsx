import type { AppError } from '../../../errors.js';
import { useI18n } from '../../../web/i18n-context.js';

export function LoginPage({
  csrfToken,
  next,
  error,
  email,
}: {
  csrfToken: string;
  next: string;
  /** A refused sign-in (its code goes on the notice, for scripts and tests). */
  error?: AppError;
  email?: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="narrow">
      <h1>{t('accounts.login_title')}</h1>
      {error && (
        <p class="notice notice-error" role="alert" data-error-code={error.code}>
          {error.message}
        </p>
      )}
      <form class="form" method="post" action="/login">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <input type="hidden" name="next" value={next} />
        <div class="field">
          <label for="login-email">{t('accounts.field_email')}</label>
          <input id="login-email" type="email" name="email" autocomplete="username" required value={email ?? ''} />
        </div>
        <div class="field">
          <label for="login-password">{t('accounts.field_password')}</label>
          <input id="login-password" type="password" name="password" autocomplete="current-password" required />
        </div>
        <div>
          <button type="submit">{t('accounts.login_submit')}</button>
        </div>
      </form>
      <p>
        <a href="/password/forgot">{t('accounts.login_forgot')}</a>
      </p>
      <p>
        {i18n.rich('accounts.login_new_here', {
          link: (chunks: string[]) => <a href={`/signup?next=${encodeURIComponent(next)}`}>{chunks}</a>,
        })}
      </p>
    </div>
  );
}
