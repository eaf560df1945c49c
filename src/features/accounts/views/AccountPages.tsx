import type { AppError } from '../../../errors.js';
import { ErrorSummary, TextField, fieldErrors } from '../../../web/forms.js';
import type { OwnAccount } from '../account-settings.service.js';
import { PASSWORD_MIN } from '../password.service.js';
import { NAME_MAX } from '../signup.service.js';

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
  if (sent) {
    return (
      <div class="narrow">
        <h1>Check your inbox</h1>
        <p class="notice notice-ok" role="status">
          We have sent a mail to the address you gave. Open the link in it within two days to choose your password and
          finish creating your account. Check your spam folder if it does not arrive in a few minutes.
        </p>
        <p>
          <a href={form.next}>Back to where you were</a>
        </p>
      </div>
    );
  }
  return (
    <div class="narrow">
      <h1>Create an account</h1>
      <p>
        With an account you comment under your name without typing your e-mail each time, and manage your e-mail
        subscriptions in one place.
      </p>
      <ErrorSummary error={error} labels={{ name: 'Name', email: 'E-mail' }} />
      <form class="form" method="post" action="/signup">
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="next" value={form.next} />
        <TextField
          name="name"
          label="Name"
          value={form.name}
          required
          autocomplete="name"
          maxLength={NAME_MAX}
          error={errors.name}
          hint="Shown beside your comments."
        />
        <TextField
          name="email"
          label="E-mail"
          type="email"
          value={form.email}
          required
          autocomplete="email"
          maxLength={320}
          error={errors.email}
          hint="Never shown to anyone. We send a link to it to confirm it is yours."
        />
        {/* Honeypot: hidden from people and assistive technology; bots that fill every field reveal themselves. */}
        <div class="hp">
          <label for="signup-website">Leave this field empty</label>
          <input id="signup-website" type="text" name="website" tabIndex={-1} autocomplete="off" value="" />
        </div>
        <div>
          <button type="submit">Create the account</button>
        </div>
      </form>
      <p>
        Already have an account? <a href={`/login?next=${encodeURIComponent(form.next)}`}>Sign in</a>.
      </p>
    </div>
  );
}

const SAVED: Record<string, string> = {
  name: 'Your name is saved.',
  password: 'Your password is changed. You were signed out on every other device.',
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
  const notice = saved && Object.hasOwn(SAVED, saved) ? SAVED[saved] : undefined;
  return (
    <div class="narrow">
      <h1>Your account</h1>
      {notice && (
        <p class="notice notice-ok" role="status">
          {notice}
        </p>
      )}
      <p>
        Signed in as <strong>{account.name}</strong> ({account.email}). Readers never see your e-mail address.
      </p>
      <ul class="account-links">
        <li>
          <a href="/account/subscriptions">Your e-mail subscriptions</a>
        </li>
        <li>
          <a href={supporterHref}>Your Supporter badge</a> (for readers who have given)
        </li>
        {account.role !== 'reader' && (
          <li>
            <a href="/admin">Admin</a>
          </li>
        )}
      </ul>

      <h2 id="name-heading">Your name</h2>
      {errorForm === 'name' && <ErrorSummary error={error} labels={{ name: 'Name' }} />}
      <form class="form" method="post" action="/account/name" aria-labelledby="name-heading">
        <input type="hidden" name="_csrf" value={csrf} />
        <TextField
          name="name"
          label="Name beside your comments"
          value={account.name}
          required
          autocomplete="name"
          maxLength={NAME_MAX}
          error={errorForm === 'name' ? errors.name : undefined}
          hint="New comments show the new name; earlier ones keep the name they were written under."
        />
        <div>
          <button type="submit">Save the name</button>
        </div>
      </form>

      <h2 id="password-heading">Your password</h2>
      {errorForm === 'password' && (
        <ErrorSummary
          error={error}
          labels={{ current: 'Current password', password: 'New password', confirm: 'Repeat' }}
        />
      )}
      <form class="form" method="post" action="/account/password" aria-labelledby="password-heading">
        <input type="hidden" name="_csrf" value={csrf} />
        {/* Lets password managers file the change under the right account. */}
        <input type="hidden" name="username" autocomplete="username" value={account.email} />
        <TextField
          name="current"
          label="Current password"
          type="password"
          required
          autocomplete="current-password"
          maxLength={1024}
          error={errorForm === 'password' ? errors.current : undefined}
        />
        <TextField
          name="password"
          label="New password"
          type="password"
          required
          autocomplete="new-password"
          maxLength={200}
          error={errorForm === 'password' ? errors.password : undefined}
          hint={`At least ${PASSWORD_MIN} characters.`}
        />
        <TextField
          name="confirm"
          label="Repeat the new password"
          type="password"
          required
          autocomplete="new-password"
          maxLength={200}
          error={errorForm === 'password' ? errors.confirm : undefined}
        />
        <div>
          <button type="submit">Change the password</button>
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
  return (
    <>
      <h2 id="delete-heading">Delete your account</h2>
      <p>
        Your name and e-mail address are removed, with your e-mail subscriptions and your Supporter badge. Your comments
        stay, shown as “Former reader”, unless you choose to remove the ones nobody has answered. Records of gifts stay
        in the newsroom’s accounts. This cannot be undone.
      </p>
      <ErrorSummary error={error} labels={{ delete_password: 'Password' }} />
      <form class="form" method="post" action="/account/delete" aria-labelledby="delete-heading">
        <input type="hidden" name="_csrf" value={csrf} />
        <TextField
          name="delete_password"
          label="Your password, to confirm"
          type="password"
          required
          autocomplete="current-password"
          maxLength={1024}
          error={errors.delete_password}
        />
        <div class="field field-check">
          <input id="field-remove_comments" type="checkbox" name="remove_comments" value="1" />
          <label for="field-remove_comments">Also remove my comments that nobody has answered</label>
        </div>
        <div>
          <button type="submit" class="button-danger">
            Delete my account
          </button>
        </div>
      </form>
    </>
  );
}

export function AccountDeletedPage() {
  return (
    <div class="narrow">
      <h1>Your account is deleted</h1>
      <p class="notice notice-ok" role="status">
        Your account, your e-mail subscriptions and your sign-in sessions are gone. Thank you for reading.
      </p>
      <p>
        <a href="/">Back to the front page</a>
      </p>
    </div>
  );
}
