import { rankingOption, targetTrajectoryOption } from '@kepu/charts';
import type { AssessmentScheme, Plan, Scorecard } from '@kepu/core';
import type { EChartsOption } from 'echarts';
import type { Lang } from '../i18n.js';
import { loadECharts } from '../internal/load-modules.js';

/**
 * One chart of a report, drawn on the server as SVG: what it shows (`id`, `title`) and the markup.
 *
 * @example
 * ```ts
 * import type { ReportChart } from '@kepu/reports';
 * const html = (c: ReportChart) => `<figure>${c.svg}</figure>`;
 * ```
 */
export interface ReportChart {
  readonly id: string;
  readonly title: string;
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

/** Years on a value axis read 2024, not 2,024. */
function plainYears(option: EChartsOption): EChartsOption {
  const axes = Array.isArray(option.xAxis) ? option.xAxis : option.xAxis ? [option.xAxis] : [];
  const fixed = axes.map((axis) =>
    axis && (axis as { type?: string }).type === 'value' && (axis as { name?: unknown }).name === undefined
      ? {
          ...axis,
          minInterval: 1,
          axisLabel: { ...((axis as { axisLabel?: object }).axisLabel ?? {}), formatter: (v: number) => String(v) },
        }
      : axis,
  );
  return option.xAxis === undefined
    ? option
    : { ...option, xAxis: (Array.isArray(option.xAxis) ? fixed : fixed[0]) as EChartsOption['xAxis'] };
}

/**
 * The option with every `fontFamily` quoted with single quotes: ECharts' SVG renderer writes the
 * family into a double-quoted `style` attribute without escaping, so a double quote in it would
 * end the attribute and leave the rest as stray attributes.
 */
function singleQuotedFonts<T>(value: T): T {
  if (Array.isArray(value)) return value.map(singleQuotedFonts) as T;
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === 'fontFamily' && typeof v === 'string' ? v.replaceAll('"', "'") : singleQuotedFonts(v),
    ]),
  ) as T;
}

function draw(echarts: typeof import('echarts'), option: EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(singleQuotedFonts(plainYears(option)));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * The charts of a printed report, rendered with ECharts' server-side SVG renderer (no browser, no
 * DOM): the trajectory of the headline target (the plan's first) and of every cumulative target,
 * and each score sheet's ranking coloured by grade. Missing data stays visible as gaps and 未评估
 * labels (the builders of `@kepu/charts` never draw it as 0).
 *
 * ECharts loads on the first call, hence the promise.
 *
 * @example
 * ```ts
 * import { reportCharts } from '@kepu/reports';
 * const charts = await reportCharts(card, plan, scheme, 'zh');
 * charts[0]?.svg.startsWith('<svg'); // true
 * ```
 */
export async function reportCharts(
  card: Scorecard,
  plan: Plan,
  scheme: AssessmentScheme | undefined,
  lang: Lang,
): Promise<ReportChart[]> {
  const echarts = await loadECharts();
  const render = (option: EChartsOption, width: number, height: number) => draw(echarts, option, width, height);
  const out: ReportChart[] = [];
  const headline = card.targets.find((e) => e.kind === 'quantitative' && e.series.length > 0);
  if (headline) {
    const target = plan.targets.find((x) => x.id === headline.target);
    out.push({
      id: `target:${headline.target}`,
      title: target?.title ?? headline.target,
      svg: render(targetTrajectoryOption(plan, headline, { lang }), 680, 280),
      width: 680,
      height: 280,
    });
  }
  const named = (x: { name: string; nameEn?: string | undefined }) => (lang === 'en' ? (x.nameEn ?? x.name) : x.name);
  for (const e of card.targets) {
    if (e === headline || e.cadence !== 'cumulative-by-deadline') continue;
    const target = plan.targets.find((x) => x.id === e.target);
    // A small chart takes a short title: the indicator and the target's category (省级 · 创建科普基地数).
    const indicator = plan.indicators.find((i) => i.id === target?.indicator);
    const categories = Object.entries(target?.category ?? {}).map(([dim, cat]) => {
      const found = indicator?.dimensions.find((d) => d.id === dim)?.categories.find((c) => c.id === cat);
      return found ? named(found) : cat;
    });
    const short = !indicator
      ? undefined
      : lang === 'en'
        ? [...categories, indicator.unitEn ?? named(indicator)].join(' ')
        : [...categories, named(indicator)].join(' · ');
    out.push({
      id: `target:${e.target}`,
      title: target?.title ?? e.target,
      // Small multiples share the headline chart's legend.
      svg: render(
        { ...targetTrajectoryOption(plan, e, { lang, ...(short ? { title: short } : {}) }), legend: { show: false } },
        260,
        220,
      ),
      width: 260,
      height: 220,
    });
  }
  for (const sheet of card.sheets) {
    const height = 60 + 24 * sheet.units.length;
    out.push({
      id: `ranking:${sheet.sheet}`,
      title: sheet.name,
      svg: render(rankingOption(card, { sheet: sheet.sheet, lang, ...(scheme ? { scheme } : {}) }), 680, height),
      width: 680,
      height,
    });
  }
  return out;
}
