import type { Byline } from '../../features/articles/article.types.js';
import { slugPath } from '../../lib/slug.js';

const dateFmt = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });
const dateTimeFmt = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

export function DateTime({ iso, withTime = false }: { iso: string; withTime?: boolean }) {
  const d = new Date(iso);
  return <time datetime={iso}>{(withTime ? dateTimeFmt : dateFmt).format(d)}</time>;
}

export function Bylines({ bylines }: { bylines: Byline[] }) {
  if (bylines.length === 0) return null;
  return (
    <span class="bylines">
      By{' '}
      {bylines.map((b, i) => (
        <>
          {i > 0 && (i === bylines.length - 1 ? ' and ' : ', ')}
          {b.slug ? (
            <a href={slugPath('author', b.slug)} rel="author">
              {b.name}
            </a>
          ) : (
            b.name
          )}
        </>
      ))}
    </span>
  );
}
