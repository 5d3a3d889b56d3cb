import { kepuTsup } from '../../tsup.base';

export default kepuTsup({
  entry: ['src/index.ts'],
  target: 'es2022',
  // The types name IndexedDB's (IDBFactory): keep the DOM library reference in the declarations.
  dts: { banner: '/// <reference lib="dom" />' },
});
