import { configDefaults, defineConfig } from 'vitest/config';

// One command runs everything: unit, database (SQLite always; PostgreSQL when TEST_DATABASE_URL is set),
// HTTP through app.inject(), browser tests (skipped with a message when Chromium is missing), and last
// the fault tests (test/fault), one file at a time: they start app processes and a private PostgreSQL,
// kill them and restart them, and measure how long errors last, so they must not share the CPU with other files.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: [...configDefaults.exclude, 'test/fault/**', 'test/edge/**'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'fault',
          include: ['test/fault/**/*.test.ts', 'test/edge/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
