import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  // The types name IndexedDB's (IDBFactory): keep the DOM library reference in the declarations.
  dts: { banner: '/// <reference lib="dom" />' },
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
