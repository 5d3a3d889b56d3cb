import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { demoSnapshotPlugin } from './src/seed/demo-snapshot-plugin.js';

// Workspace packages are read from their `source` export (src/), so the dashboard needs no
// package build first. `base: './'` lets the built files be served from any folder.
export default defineConfig({
  plugins: [react(), demoSnapshotPlugin()],
  base: './',
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    target: 'es2022',
    // ECharts is split into its own chunk, loaded when a chart is first shown (EChart.tsx).
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod's source carries comments Rollup cannot place; they are harmless.
        if (warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
