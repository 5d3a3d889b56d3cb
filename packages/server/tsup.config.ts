import { kepuTsup } from '../../tsup.base';

export default kepuTsup({ entry: ['src/index.ts'] });
