import type { AppError } from '../../../errors.js';
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
  return (
    <div class="narrow">
      <h1>Sign in</h1>
      {error && (
        <p class="notice notice-error" role="alert" data-error-code={error.code}>
          {error.message}
        </p>
      )}
      <form class="form" method="post" action="/login">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <input type="hidden" name="next" value={next} />
        <div class="field">
          <label for="login-email">E-mail</label>
          <input id="login-email" type="email" name="email" autocomplete="username" required value={email ?? ''} />
        </div>
        <div class="field">
          <label for="login-password">Password</label>
          <input id="login-password" type="password" name="password" autocomplete="current-password" required />
        </div>
        <div>
          <button type="submit">Sign in</button>
        </div>
      </form>
      <p>
        <a href="/password/forgot">Forgot your password?</a>
      </p>
      <p>
        New here? <a href={`/signup?next=${encodeURIComponent(next)}`}>Create an account</a> to comment under your name.
      </p>
    </div>
  );
}
