import { defineConfig } from 'vitest/config';

// Pin the zone before workers fork so every Date/timestamp test sees UTC, as Spark's own
// suites do with spark.sql.session.timeZone; forked workers inherit this environment.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'test/output/**', 'node_modules/**'],
    env: { TZ: 'UTC' },
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
