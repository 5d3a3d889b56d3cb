import type { Bilingual } from '@kepu/core';
import { hasBrand } from '@kepu/core/model';

const CHART_ERROR = Symbol.for('@kepu/charts/KepuChartError');

/**
 * A chart asked of data that cannot give it (an unknown sheet). Carries a code, the path of the
 * bad option and a message in Chinese and English; branded so checks survive duplicate installs.
 *
 * @example
 * ```ts
 * import { KepuChartError, rankingOption } from '@kepu/charts';
 * try { rankingOption(scorecard, { sheet: 'nope' }); } catch (e) { if (KepuChartError.is(e)) console.log(e.messageZh); }
 * ```
 */
export class KepuChartError extends Error {
  readonly code: 'unknown-sheet';
  readonly path: ReadonlyArray<string | number>;
  readonly messageZh: string;
  readonly [CHART_ERROR] = true;

  constructor(code: 'unknown-sheet', path: ReadonlyArray<string | number>, message: Bilingual) {
    super(message.en);
    this.name = 'KepuChartError';
    this.code = code;
    this.path = path;
    this.messageZh = message.zh;
  }

  /** True for a KepuChartError from any copy of this package. */
  static is(value: unknown): value is KepuChartError {
    return hasBrand(value, CHART_ERROR);
  }
}
