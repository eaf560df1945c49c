/** The demo newsroom's people: its staff (bylines, replies in the discussions) and a few readers with accounts. */
import type { Role } from '../../platform/roles.js';

export interface DemoPerson {
  email: string;
  displayName: string;
  /** Author pages live at /author/<slug>; readers have none. */
  slug: string | null;
  bio: string | null;
  role: Role;
}

/** In byline order of the constants in demo-articles.ts (MARIA = 0 …). */
export const DEMO_STAFF: DemoPerson[] = [
  {
    email: 'maria@example.org',
    displayName: 'Maria Okafor',
    slug: 'maria-okafor',
    bio: 'Editor and city hall reporter. Has sat through more council meetings than she can count.',
    role: 'editor',
  },
  {
    email: 'tom@example.org',
    displayName: 'Tom Becker',
    slug: 'tom-becker',
    bio: 'Transport and data. Rides the 4 to work.',
    role: 'author',
  },
  {
    email: 'lena@example.org',
    displayName: 'Lena Ibrahim',
    slug: 'lena-ibrahim',
    bio: 'Housing and schools.',
    role: 'author',
  },
  {
    email: 'sam@example.org',
    displayName: 'Sam Novak',
    slug: 'sam-novak',
    bio: 'Courts, police and investigations; on Saturdays, high-school sports.',
    role: 'author',
  },
  {
    email: 'priya@example.org',
    displayName: 'Priya Raman',
    slug: 'priya-raman',
    bio: 'Community, business and the arts; also runs our membership.',
    role: 'author',
  },
  {
    email: 'ruth@example.org',
    displayName: 'Ruth Adeyemi',
    slug: 'ruth-adeyemi',
    bio: 'Retired city planner. Writes a monthly column.',
    role: 'author',
  },
];

/** Readers with accounts: the first two gave this month and opted in, so their comments show the Supporter badge. */
export const DEMO_READERS: Record<'grace' | 'hannah' | 'walter', DemoPerson> = {
  grace: {
    email: 'grace.kimura@example.net',
    displayName: 'Grace Kimura',
    slug: null,
    bio: null,
    role: 'reader',
  },
  hannah: {
    email: 'hannah.mensah@example.net',
    displayName: 'Hannah Mensah',
    slug: null,
    bio: null,
    role: 'reader',
  },
  walter: {
    email: 'walter.brandt@example.net',
    displayName: 'Walter Brandt',
    slug: null,
    bio: null,
    role: 'reader',
  },
};
export type DemoReader = keyof typeof DEMO_READERS;
