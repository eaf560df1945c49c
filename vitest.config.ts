import { defineConfig } from 'vitest/config';

// One command runs everything: unit, database (SQLite always; PostgreSQL when TEST_DATABASE_URL is set),
// HTTP through app.inject(), and browser tests (skipped with a message when Chromium is missing).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
