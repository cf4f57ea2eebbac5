import { defineConfig } from 'vitest/config';

// Encryption at rest is on in every test (a fixed test key).
const KEY = './test/helpers/encryption.ts';

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', setupFiles: [KEY] } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          setupFiles: [KEY],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          setupFiles: [KEY],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
      {
        // The real Electron app (test/desktop/smoke.test.ts); skipped with its reason where Electron is absent.
        test: {
          name: 'desktop',
          include: ['test/desktop/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
