/** Says plainly that a preview is not the live page. */
export function PreviewBanner({ editHref, unsaved }: { editHref: string | null; unsaved: boolean }) {
  return (
    <div class="preview-banner" role="note" aria-label="Preview">
      <p>
        <strong>Preview.</strong>{' '}
        {unsaved
          ? 'This is how your unsaved changes will look; nothing has been saved.'
          : 'This is the saved version; readers cannot see it until it is published.'}
        {editHref && (
          <>
            {' '}
            <a href={editHref}>Back to the editor</a>
          </>
        )}
      </p>
    </div>
  );
}
