import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { sipjsPatchesVite } from './scripts/sipjs-patches.mjs';

const alias = { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'shared', include: ['test/shared/**/*.test.ts'], environment: 'node' },
      },
      {
        // sip.js runs with the build's patches (scripts/sipjs-patches.mjs): tested as shipped.
        plugins: [sipjsPatchesVite],
        resolve: { alias },
        test: {
          name: 'main',
          include: ['test/{core,main,web,dev,tooling}/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          server: { deps: { inline: ['sip.js'] } },
        },
      },
      {
        plugins: [react()],
        resolve: { alias },
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['test/renderer/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
