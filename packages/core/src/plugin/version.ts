/**
 * The version of Kepu's plugin API that this core implements. A plugin states the range it
 * supports in `kepu` (e.g. `^0.1.0`); the host refuses plugins whose range excludes this.
 *
 * @example
 * ```ts
 * import { KEPU_API_VERSION } from '@kepu/core';
 * import { satisfiesRange } from '@kepu/core/plugin';
 * satisfiesRange(KEPU_API_VERSION, '^0.1.0'); // true
 * ```
 */
export const KEPU_API_VERSION = '0.1.0';

type Triple = readonly [number, number, number];

const VERSION = /^v?(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Parses `1.2.3` (pre-release and build suffixes ignored) into numbers; `undefined` when it is
 * not a version. Pure.
 *
 * @example
 * ```ts
 * import { parseVersion } from '@kepu/core/plugin';
 * parseVersion('1.2.3'); // [1, 2, 3]
 * ```
 */
export function parseVersion(text: string): Triple | undefined {
  const m = VERSION.exec(text.trim());
  if (!m || m[2] === undefined || m[3] === undefined || /\D/.test(m[2]) || /\D/.test(m[3])) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function compare(a: Triple, b: Triple): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** A partial version (`1`, `1.2`, `1.x`) as its lower bound and how many parts were given. */
function partial(text: string): { v: Triple; parts: number } | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  const nums = [m[1], m[2], m[3]].map((x) => (x === undefined || /[xX*]/.test(x) ? undefined : Number(x)));
  const parts = nums.indexOf(undefined);
  const given = parts === -1 ? 3 : parts;
  return { v: [nums[0] ?? 0, given > 1 ? (nums[1] ?? 0) : 0, given > 2 ? (nums[2] ?? 0) : 0], parts: given };
}

function comparator(token: string, version: Triple): boolean | undefined {
  const m = /^(\^|~|>=|<=|>|<|=)?(.+)$/.exec(token);
  if (!m) return undefined;
  const op = m[1] ?? '';
  const p = partial(m[2] as string);
  if (!p) return undefined;
  const { v, parts } = p;
  const upper = (): Triple => {
    if (op === '^') {
      if (v[0] > 0 || parts === 1) return [v[0] + 1, 0, 0];
      if (v[1] > 0 || parts === 2) return [0, v[1] + 1, 0];
      return [0, 0, v[2] + 1];
    }
    if (op === '~') return parts === 1 ? [v[0] + 1, 0, 0] : [v[0], v[1] + 1, 0];
    return parts === 1 ? [v[0] + 1, 0, 0] : parts === 2 ? [v[0], v[1] + 1, 0] : [v[0], v[1], v[2] + 1];
  };
  switch (op) {
    case '>=':
      return compare(version, v) >= 0;
    case '>':
      return parts === 3 ? compare(version, v) > 0 : compare(version, upper()) >= 0;
    case '<':
      return compare(version, v) < 0;
    case '<=':
      return parts === 3 ? compare(version, v) <= 0 : compare(version, upper()) < 0;
    default:
      // '^', '~', '=', and a bare (possibly partial) version: from v up to, excluding, upper().
      return compare(version, v) >= 0 && compare(version, upper()) < 0;
  }
}

/**
 * True when `version` lies in the npm-style `range`: `*`, exact or partial versions (`1.2.3`,
 * `1.x`), `^`, `~`, comparators (`>=0.1.0 <2`), hyphen ranges (`1.0.0 - 2.0.0`) and `||`
 * alternatives. An unparsable range or version is `false`, never an exception. Pure.
 *
 * @example
 * ```ts
 * import { satisfiesRange } from '@kepu/core/plugin';
 * satisfiesRange('0.1.4', '^0.1.0'); // true
 * satisfiesRange('0.2.0', '^0.1.0'); // false: below 1.0 a caret pins the minor version
 * satisfiesRange('1.5.0', '>=1.0.0 <2 || ^3.0.0'); // true
 * ```
 */
export function satisfiesRange(version: string, range: string): boolean {
  const v = parseVersion(version);
  if (!v) return false;
  return range.split('||').some((alternative) => {
    const text = alternative.trim();
    if (text === '' || text === '*' || text === 'x') return true;
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
    if (hyphen) return comparator(`>=${hyphen[1]}`, v) === true && comparator(`<=${hyphen[2]}`, v) === true;
    const tokens = text.replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/);
    return tokens.every((token) => comparator(token, v) === true);
  });
}
