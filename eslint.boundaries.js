/**
 * The architecture as lint rules (eslint-plugin-boundaries): which layer and which feature may import
 * which. A feature is a folder under src/features; other code reaches it only through its index.ts.
 * docs/architecture.md explains the layers; FEATURE_MAP below is the one place the feature map is written.
 */
import boundaries from 'eslint-plugin-boundaries';

/** Which features each feature may use, through their index.ts. A layering: no cycle can be written. */
export const FEATURE_MAP = {
  accounts: [],
  images: [],
  health: [],
  live: [],
  ops: [],
  funding: ['accounts'],
  articles: ['accounts', 'images'],
  listings: ['articles', 'images'],
  feeds: ['articles', 'images', 'listings'],
  search: ['articles', 'listings'],
  'content-api': ['articles', 'images', 'listings', 'search'],
  subscriptions: ['accounts'],
  comments: ['accounts', 'articles', 'funding', 'subscriptions'],
  mail: ['subscriptions'],
  admin: ['accounts', 'articles', 'images'],
  importers: ['accounts', 'articles', 'comments', 'images'],
  demo: ['accounts', 'articles', 'comments', 'funding', 'images', 'subscriptions'],
  'admin-api': ['accounts', 'articles', 'comments', 'funding', 'images'],
  webhooks: [],
  navigation: ['articles'],
};

const el = (type, captured) => ({ to: { element: captured ? { type, captured } : { type } } });
const entryOf = (feature) => ({
  to: {
    element: feature ? { type: 'feature', captured: { feature } } : { type: 'feature' },
    file: { categories: 'entry' },
  },
});
/** errors.ts and config.ts (any layer), and the composition root's types (the context, the app). */
const ROOT = [
  { to: { file: { categories: 'shared' } } },
  { to: { file: { categories: 'root' } }, dependency: { kind: 'type' } },
];
const LOWER = [el('lib'), el('platform'), el('web'), ...ROOT];

export const boundariesConfig = {
  files: ['src/**/*.{ts,tsx}'],
  plugins: { boundaries },
  settings: {
    'import/resolver': { typescript: { alwaysTryTypes: true, project: './tsconfig.json' } },
    'boundaries/include': ['src/**/*'],
    // A feature's public entry: the only file of a feature that others may import.
    'boundaries/files': [
      // A feature's public entry: the only file of a feature that others may import.
      { category: 'entry', pattern: 'src/features/*/index.ts' },
      // The two root modules every layer uses: the error registry and the typed configuration.
      { category: 'shared', pattern: ['src/errors.ts', 'src/config.ts'] },
      // The composition root: app, deps, hooks, main, jobs, cli, backup.
      { category: 'root', pattern: 'src/*.ts' },
    ],
    'boundaries/elements': [
      { type: 'feature', pattern: 'src/features/*', capture: ['feature'] },
      { type: 'lib', pattern: 'src/lib' },
      { type: 'platform', pattern: ['src/platform', 'src/db'] },
      { type: 'web', pattern: 'src/web' },
      { type: 'shell', pattern: 'src/shell' },
    ],
  },
  rules: {
    'boundaries/dependencies': [
      'error',
      {
        default: 'disallow',
        policies: [
          // lib: pure helpers, no project imports but each other.
          { from: { element: { type: 'lib' } }, allow: [el('lib')] },
          // platform: what every feature uses. It names the context and the assembled database type (types only).
          {
            from: { element: { type: 'platform' } },
            allow: [el('lib'), el('platform'), ...ROOT, { ...entryOf(), dependency: { kind: 'type' } }],
          },
          // web: request plumbing and the UI kit, below every feature.
          { from: { element: { type: 'web' } }, allow: [...LOWER] },
          // A feature: its own files, the lower layers, and the entries of the features it builds on.
          ...Object.entries(FEATURE_MAP).map(([feature, uses]) => ({
            from: { element: { type: 'feature', captured: { feature } } },
            allow: [...LOWER, el('feature', { feature }), ...uses.map((u) => entryOf(u))],
          })),
          // The shell (layout, chrome) and the composition root sit above the features.
          {
            from: { element: { type: 'shell' } },
            allow: [...LOWER, el('shell'), entryOf()],
          },
          {
            from: { file: { categories: 'root' } },
            allow: [...LOWER, el('shell'), entryOf(), { to: { file: { categories: 'root' } } }],
          },
        ],
      },
    ],
  },
};
