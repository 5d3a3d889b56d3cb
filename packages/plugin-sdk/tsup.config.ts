import { kepuTsup } from '../../tsup.base';

export default kepuTsup({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  // The test kits run inside the author's own vitest; never bundle a second copy.
  external: ['vitest', 'fast-check'],
});
