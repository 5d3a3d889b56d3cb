import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// Workspace packages are read from their `source` export (src/), so the dashboard needs no
// package build first. `base: './'` lets the built files be served from any folder.
export default defineConfig({
  plugins: [react()],
  base: './',
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    target: 'es2022',
    // One bundle: ECharts and the plan make it large, and the dashboard is a single page.
    chunkSizeWarningLimit: 2500,
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
