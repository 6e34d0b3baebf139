import { defineConfig } from 'vitest/config';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One copy of graphql: the ESM and CJS entry points would otherwise both load
    // ("Cannot use GraphQLSchema from another module or realm"). Only the bare name: deep imports such
    // as graphql/execution/collectFields.js are CommonJS files of that same copy already.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql/index.js') }],
  },
  test: {
    include: [
      'test/**/*.test.ts',
      'shared/**/*.test.ts',
      'seed/**/*.test.ts',
      'gateway/**/*.test.ts',
      'subgraphs/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // One test file per core, not Vitest's default of one fewer: the system tests mostly wait on
    // PostgreSQL, PGlite's files and child processes, and a 2-core machine would otherwise run one file at a time.
    maxWorkers: availableParallelism(),
    // Warnings and errors only: a request's access line (info) for every test request would bury the report.
    env: { TYM_LOG_LEVEL: process.env.TYM_LOG_LEVEL ?? 'warn' },
  },
});
