/** `code`: the error's code (src/errors.ts), on the page for scripts and tests. */
export function ErrorPage({ status, message, code }: { status: number; message: string; code?: string }) {
  const title =
    status === 404
      ? 'Page not found'
      : status === 429
        ? 'Slow down'
        : status === 503
          ? 'Back in a moment'
          : status >= 500
            ? 'Something went wrong'
            : 'That did not work';
  return (
    <div class="error-page" data-error-code={code}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Go to the front page</a>
      </p>
    </div>
  );
}
