import type { AppError } from '../../../errors.js';
import { ErrorSummary, TextField, fieldErrors } from '../../../web/forms.js';
import type { LinkPurpose } from '../account-link.js';
import { PASSWORD_MIN } from '../password.service.js';

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
  return (
    <div class="narrow">
      <h1>Forgot your password?</h1>
      {sent ? (
        <p class="notice notice-ok" role="status">
          If an account uses that address, we have sent it a link to choose a new password. It works for one hour. Check
          your spam folder if it does not arrive.
        </p>
      ) : (
        <p>Enter the e-mail address of your account and we will send you a link to choose a new password.</p>
      )}
      <ErrorSummary error={error} labels={{ email: 'E-mail' }} />
      <form class="form" method="post" action="/password/forgot">
        <input type="hidden" name="_csrf" value={csrf} />
        <TextField
          name="email"
          label="E-mail"
          type="email"
          value={email}
          required
          autocomplete="email"
          maxLength={320}
          error={errors.email}
        />
        <div>
          <button type="submit">Send the link</button>
        </div>
      </form>
      <p>
        <a href="/login">Back to sign in</a>
      </p>
    </div>
  );
}

const SET_PASSWORD_TEXT: Record<LinkPurpose, { title: string; intro: (name: string) => string }> = {
  invite: {
    title: 'Welcome! Choose your password',
    intro: (n) => `Hello ${n}. Choose a password to finish setting up your account.`,
  },
  signup: {
    title: 'Welcome! Choose your password',
    intro: (n) => `Hello ${n}. Your address is confirmed: choose a password to finish creating your account.`,
  },
  reset: {
    title: 'Choose a new password',
    intro: (n) => `Hello ${n}. Choose a new password; you will be signed in, and signed out everywhere else.`,
  },
};

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
  const text = SET_PASSWORD_TEXT[purpose];
  return (
    <div class="narrow">
      <h1>{text.title}</h1>
      <p>{text.intro(name)}</p>
      <ErrorSummary error={error} labels={{ password: 'Password', confirm: 'Repeat password' }} />
      <form class="form" method="post" action="/password/reset">
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="next" value={next} />
        <TextField
          name="password"
          label="New password"
          type="password"
          required
          autocomplete="new-password"
          maxLength={200}
          error={errors.password}
          hint={`At least ${PASSWORD_MIN} characters.`}
        />
        <TextField
          name="confirm"
          label="Repeat the new password"
          type="password"
          required
          autocomplete="new-password"
          maxLength={200}
          error={errors.confirm}
        />
        <div>
          <button type="submit">Save the password</button>
        </div>
      </form>
    </div>
  );
}

/** A password link that cannot be used (expired, spent, forged); the code is on the message, for scripts and tests. */
export function LinkProblemPage({ error }: { error: AppError }) {
  return (
    <div class="narrow">
      <h1>This link does not work</h1>
      <p data-error-code={error.code}>{error.message}</p>
      <p>
        <a href="/password/forgot">Ask for a new link</a>
      </p>
    </div>
  );
}
