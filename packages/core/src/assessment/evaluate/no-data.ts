import type { QuantitativeTarget } from '../../target.js';
import type { EvaluationContext, TargetEvaluation } from '../evaluate-target.js';
import { type Explanation, explainerFor } from '../explanation.js';
import type { AnnualPoint } from '../series.js';
import { quantitativeFrame } from './window.js';

const NO_DATA_TEXT = {
  zh: '没有可用的监测数据：显示为“无数据”，不作为 0 处理',
  en: 'nothing was observed: shown as no data, never as 0',
};

/** The evaluation of a quantitative target with nothing to judge: every number `null`, said why. */
export function noData(
  target: QuantitativeTarget,
  series: readonly AnnualPoint[],
  context: EvaluationContext,
  valueKind: TargetEvaluation['valueKind'],
  why: Explanation['text'] = NO_DATA_TEXT,
): TargetEvaluation {
  const ex = explainerFor(context.explain);
  const explanation: Explanation = ex.explain(() => ({
    rule: 'value.no-data',
    formula: '—',
    inputs: { period: context.period },
    text: why,
  }));
  return {
    ...quantitativeFrame(target, series, context),
    value: null,
    valueKind,
    valuePeriod: null,
    numerator: null,
    denominator: null,
    estimate: null,
    baseline: null,
    met: null,
    attainment: null,
    expected: null,
    ratio: null,
    status: 'no-data',
    forecast: null,
    explanations: { value: explanation, attainment: null, expected: null, status: explanation, forecast: null },
  };
}
