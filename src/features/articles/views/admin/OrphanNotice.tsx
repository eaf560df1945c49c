const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The editor's summary of how anchors fare; shown on the edit form and the passages page. */
export function OrphanNotice({ orphaned }: { orphaned: number }) {
  if (orphaned === 0) return null;
  return (
    <p class="notice notice-warning" role="status">
      {plural(orphaned, 'reader comment now points', 'reader comments now point')} to a passage that has since changed.{' '}
      They stay in the discussion with their quote.
    </p>
  );
}
