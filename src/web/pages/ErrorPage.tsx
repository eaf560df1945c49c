export function ErrorPage({ status, message }: { status: number; message: string }) {
  const title =
    status === 404
      ? 'Page not found'
      : status === 429
        ? 'Slow down'
        : status >= 500
          ? 'Something went wrong'
          : 'That did not work';
  return (
    <div class="error-page">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Go to the front page</a>
      </p>
    </div>
  );
}
