import type { AppError } from '../../../errors.js';
import { ErrorSummary, TextField, fieldErrors } from '../../../web/forms.js';
import type { OwnAccount } from '../account-settings.service.js';
import { PASSWORD_MIN } from '../password.service.js';
import { NAME_MAX } from '../signup.service.js';
import { useI18n } from '../../../web/i18n-context.js';

export interface SignupForm {
  name?: string;
  email?: string;
  next: string;
}

export function SignupPage({
  csrf,
  form,
  error,
  sent,
}: {
  csrf: string;
  form: SignupForm;
  error?: AppError;
  sent?: boolean;
}) {
  const errors = fieldErrors(error);
  const i18n = useI18n();
  const { t } = i18n;
  if (sent) {
    return (
      <div class="narrow">
        <h1>{t('accounts.signup_sent_title')}</h1>
        <p class="notice notice-ok" role="status">
          {t('accounts.signup_sent')}
        </p>
        <p>
          <a href={form.next}>{t('accounts.signup_back')}</a>
        </p>
      </div>
    );
  }
  return (
    <div class="narrow">
      <h1>{t('accounts.signup_title')}</h1>
      <p>{t('accounts.signup_intro')}</p>
      <ErrorSummary error={error} labels={{ name: t('accounts.field_name'), email: t('accounts.field_email') }} />
      <form class="form" method="post" action="/signup">
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="next" value={form.next} />
        <TextField
          name="name"
          label={t('accounts.field_name')}
          value={form.name}
          required
          autocomplete="name"
          maxLength={NAME_MAX}
          error={errors.name}
          hint={t('accounts.signup_name_hint')}
        />
        <TextField
          name="email"
          label={t('accounts.field_email')}
          type="email"
          value={form.email}
          required
          autocomplete="email"
          maxLength={320}
          error={errors.email}
          hint={t('accounts.signup_email_hint')}
        />
        {/* Honeypot: hidden from people and assistive technology; bots that fill every field reveal themselves. */}
        <div class="hp">
          <label for="signup-website">{t('accounts.signup_honeypot')}</label>
          <input id="signup-website" type="text" name="website" tabIndex={-1} autocomplete="off" value="" />
        </div>
        <div>
          <button type="submit">{t('accounts.signup_submit')}</button>
        </div>
      </form>
      <p>
        {i18n.rich('accounts.signup_have_account', {
          link: (chunks: string[]) => <a href={`/login?next=${encodeURIComponent(form.next)}`}>{chunks}</a>,
        })}
      </p>
    </div>
  );
}

const SAVED: Record<string, string> = {
  name: 'accounts.account_saved_name',
  password: 'accounts.account_saved_password',
};

export type AccountForm = 'name' | 'password' | 'delete';

export function AccountPage({
  csrf,
  account,
  saved,
  error,
  errorForm,
  supporterHref,
}: {
  csrf: string;
  account: OwnAccount;
  saved?: string;
  error?: AppError;
  errorForm?: AccountForm;
  supporterHref: string;
}) {
  const errors = fieldErrors(error);
  const i18n = useI18n();
  const { t } = i18n;
  const notice = saved && Object.hasOwn(SAVED, saved) ? t(SAVED[saved]!) : undefined;
  return (
    <div class="narrow">
      <h1>{t('accounts.account_title')}</h1>
      {notice && (
        <p class="notice notice-ok" role="status">
          {notice}
        </p>
      )}
      <p>
        {i18n.rich('accounts.account_signed_in_as', {
          name: account.name,
          email: account.email,
          strong: (chunks: string[]) => <strong>{chunks}</strong>,
        })}
      </p>
      <ul class="account-links">
        <li>
          <a href="/account/subscriptions">{t('accounts.account_link_subscriptions')}</a>
        </li>
        <li>
          {i18n.rich('accounts.account_link_supporter', {
            link: (chunks: string[]) => <a href={supporterHref}>{chunks}</a>,
          })}
        </li>
        {account.role !== 'reader' && (
          <li>
            <a href="/admin">{t('accounts.account_link_admin')}</a>
          </li>
        )}
      </ul>

      <h2 id="name-heading">{t('accounts.account_name_heading')}</h2>
      {errorForm === 'name' && <ErrorSummary error={error} labels={{ name: t('accounts.field_name') }} />}
      <form class="form" method="post" action="/account/name" aria-labelledby="name-heading">
        <input type="hidden" name="_csrf" value={csrf} />
        <TextField
          name="name"
          label={t('accounts.account_name_label')}
          value={account.name}
          required
          autocomplete="name"
          maxLength={NAME_MAX}
          error={errorForm === 'name' ? errors.name : undefined}
          hint={t('accounts.account_name_hint')}
        />
        <div>
          <button type="submit">{t('accounts.account_name_submit')}</button>
        </div>
      </form>

      <h2 id="password-heading">{t('accounts.account_password_heading')}</h2>
      {errorForm === 'password' && (
        <ErrorSummary
          error={error}
          labels={{
            current: t('accounts.field_current_password'),
            password: t('accounts.field_new_password'),
            confirm: t('accounts.field_repeat'),
          }}
        />
      )}
      <form class="form" method="post" action="/account/password" aria-labelledby="password-heading">
        <input type="hidden" name="_csrf" value={csrf} />
        {/* Lets password managers file the change under the right account. */}
        <input type="hidden" name="username" autocomplete="username" value={account.email} />
        <TextField
          name="current"
          label={t('accounts.field_current_password')}
          type="password"
          required
          autocomplete="current-password"
          maxLength={1024}
          error={errorForm === 'password' ? errors.current : undefined}
        />
        <TextField
          name="password"
          label={t('accounts.field_new_password')}
          type="password"
          required
          autocomplete="new-password"
          maxLength={200}
          error={errorForm === 'password' ? errors.password : undefined}
          hint={t('accounts.password_min_hint', { min: PASSWORD_MIN })}
        />
        <TextField
          name="confirm"
          label={t('accounts.field_repeat_new_password')}
          type="password"
          required
          autocomplete="new-password"
          maxLength={200}
          error={errorForm === 'password' ? errors.confirm : undefined}
        />
        <div>
          <button type="submit">{t('accounts.account_password_submit')}</button>
        </div>
      </form>
      {account.role === 'reader' && (
        <DeleteAccountForm csrf={csrf} error={errorForm === 'delete' ? error : undefined} />
      )}
    </div>
  );
}

function DeleteAccountForm({ csrf, error }: { csrf: string; error?: AppError }) {
  const errors = fieldErrors(error);
  const { t } = useI18n();
  return (
    <>
      <h2 id="delete-heading">{t('accounts.delete_heading')}</h2>
      <p>{t('accounts.delete_intro')}</p>
      <ErrorSummary error={error} labels={{ delete_password: t('accounts.field_password') }} />
      <form class="form" method="post" action="/account/delete" aria-labelledby="delete-heading">
        <input type="hidden" name="_csrf" value={csrf} />
        <TextField
          name="delete_password"
          label={t('accounts.delete_password_label')}
          type="password"
          required
          autocomplete="current-password"
          maxLength={1024}
          error={errors.delete_password}
        />
        <div class="field field-check">
          <input id="field-remove_comments" type="checkbox" name="remove_comments" value="1" />
          <label for="field-remove_comments">{t('accounts.delete_remove_comments')}</label>
        </div>
        <div>
          <button type="submit" class="button-danger">
            {t('accounts.delete_submit')}
          </button>
        </div>
      </form>
    </>
  );
}

export function AccountDeletedPage() {
  const { t } = useI18n();
  return (
    <div class="narrow">
      <h1>{t('accounts.deleted_title')}</h1>
      <p class="notice notice-ok" role="status">
        {t('accounts.deleted_text')}
      </p>
      <p>
        <a href="/">{t('accounts.deleted_back')}</a>
      </p>
    </div>
  );
}
