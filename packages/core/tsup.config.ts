import { kepuTsup } from '../../tsup.base';

// One entry per area subpath (`@kepu/core/engine` …) besides the curated root, so a host that
// imports one area does not parse the others' declarations, and internals stay off the root.
export default kepuTsup({
  entry: [
    'src/index.ts',
    'src/model/index.ts',
    'src/assessment/index.ts',
    'src/engine/index.ts',
    'src/store/index.ts',
    'src/plugin/index.ts',
  ],
});
