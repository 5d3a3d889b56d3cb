import { kepuTsup } from '../../tsup.base';

// A browser loads this client too (the dashboard in server mode), so nothing Node-only may slip in.
export default kepuTsup({ entry: ['src/index.ts'], target: 'es2022' });
