import { CommentForm, type CommentFormProps } from './CommentForm.js';
import { MAX_COMMENT_LENGTH } from '../comment-format.js';
import type { ErrorCode } from '../../../errors.js';

/**
 * Where a comment posted without JavaScript lands when it cannot be taken as it is (a missing field,
 * a refusal, too many comments at once): the message and the form with everything the reader typed.
 */
export function CommentFormPage(p: { headline: string; articlePath: string; form: CommentFormProps }) {
  return (
    <div class="comment-page narrow-wide">
      <p>
        <a href={`${p.articlePath}#comments`}>← Back to “{p.headline}”</a>
      </p>
      <h1>Your comment on “{p.headline}”</h1>
      <CommentForm {...p.form} />
    </div>
  );
}

export interface EditCommentPageProps {
  commentId: number;
  headline: string;
  articlePath: string;
  source: string;
  csrfToken: string;
  /** Minutes left in the edit window. */
  minutesLeft: number;
  error?: string;
  /** The error's code (src/errors.ts), on the notice for scripts and tests. */
  errorCode?: ErrorCode;
}

/** Editing or deleting one's own comment within the edit window (works without JavaScript). */
export function EditCommentPage(p: EditCommentPageProps) {
  return (
    <div class="comment-page narrow-wide">
      <p>
        <a href={`/comments/${p.commentId}`}>← Back to your comment on “{p.headline}”</a>
      </p>
      <h1>Edit your comment</h1>
      <p>
        You can change or delete this comment for {p.minutesLeft} more {p.minutesLeft === 1 ? 'minute' : 'minutes'}.
      </p>
      {p.error && (
        <p class="notice notice-error" role="alert" data-error-code={p.errorCode}>
          {p.error}
        </p>
      )}
      <form class="form" method="post" action={`/comments/${p.commentId}/edit`}>
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <div class="field">
          <label for="edit-body">Your comment</label>
          <textarea
            id="edit-body"
            name="body"
            rows={8}
            required
            maxLength={MAX_COMMENT_LENGTH}
            aria-describedby="edit-format-hint"
          >
            {p.source}
          </textarea>
          <p class="hint" id="edit-format-hint">
            You can use **bold**, *italic*, [a link](https://…), &gt; a quote and `code`.
          </p>
        </div>
        <p>
          <button type="submit">Save changes</button>
        </p>
      </form>
      <form class="form delete-comment" method="post" action={`/comments/${p.commentId}/delete`}>
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <p>
          <button type="submit" class="button-danger">
            Delete this comment
          </button>
        </p>
      </form>
    </div>
  );
}
