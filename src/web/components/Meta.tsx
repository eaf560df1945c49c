import { slugPath } from '../../lib/slug.js';

const dateFmt = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });
const dateTimeFmt = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

export function DateTime({ iso, withTime = false }: { iso: string; withTime?: boolean }) {
  const d = new Date(iso);
  return <time datetime={iso}>{(withTime ? dateTimeFmt : dateFmt).format(d)}</time>;
}

/** A credited person: the name shown and their author page, if they have one. */
export interface BylineLink {
  name: string;
  slug: string | null;
}

export function Bylines({ bylines }: { bylines: BylineLink[] }) {
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
