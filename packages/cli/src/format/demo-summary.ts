import {
  defaultMark,
  defaultRulesNote,
  indexPlan,
  type Plan,
  type Scorecard,
  type SheetResult,
  type TargetEvaluation,
} from '@kepu/core';
import { estimateFootnotes, withEstimate, withPublished } from '@kepu/reports';
import { type Lang, t } from '../i18n.js';
import { renderTable } from './table.js';
import { targetColumns, targetTitle } from './target-columns.js';

const grouped = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { maximumFractionDigits: Math.abs(n) >= 1000 ? 0 : digits });

/** A target's value in a few characters: 12.3%, 244,389, +6.1%, 5 处. Missing is 无数据. */
function shortValue(e: TargetEvaluation | undefined, unit: string, lang: Lang): string {
  if (!e || e.value === null) return e?.status === 'insufficient-data' ? '—' : t(lang, { zh: '无数据', en: 'no data' });
  if (e.valueKind === 'review') return `${grouped(e.value * 100, 0)}%`;
  if (e.valueKind === 'growth-percent') return `${e.value >= 0 ? '+' : ''}${grouped(e.value)}%`;
  if (unit === '%') return `${grouped(e.value)}%`;
  return grouped(e.value);
}

function forecastText(e: TargetEvaluation, unit: string, lang: Lang): string {
  const f = e.forecast;
  if (!f) return '—';
  const v =
    e.valueKind === 'growth-percent'
      ? `${f.value >= 0 ? '+' : ''}${grouped(f.value)}%`
      : `${grouped(f.value)}${unit === '%' ? '%' : ''}`;
  const mark = f.meets ? t(lang, { zh: '✓ 达标', en: '✓ met' }) : t(lang, { zh: '✗ 未达标', en: '✗ missed' });
  const final = f.method === 'final' ? t(lang, { zh: '（最终）', en: ' (final)' }) : '';
  return `${f.year}: ${v} ${mark}${final}`;
}

const nameOf = (lang: Lang, x: { name: string; nameEn?: string | null }) =>
  lang === 'en' ? (x.nameEn ?? x.name) : x.name;

function rankingTable(sheet: SheetResult, lang: Lang): string {
  const mark = (rule: Parameters<typeof defaultMark>[1]) => defaultMark(sheet, rule, lang);
  return renderTable(
    sheet.units,
    [
      {
        header: t(lang, { zh: '名次', en: 'Rank' }),
        value: (u) => (u.rank === null ? '—' : String(u.rank)),
        align: 'right',
      },
      { header: t(lang, { zh: '单位', en: 'Unit' }), value: (u) => nameOf(lang, u), maxWidth: 26 },
      {
        header: t(lang, { zh: '得分', en: 'Score' }),
        value: (u) => (u.score === null ? t(lang, { zh: '未评估', en: 'n/a' }) : u.score.toFixed(2)),
        align: 'right',
      },
      {
        header: `${t(lang, { zh: '等次', en: 'Grade' })}${mark('grades')}`,
        value: (u) => (u.grade ? nameOf(lang, u.grade) : '—'),
      },
      {
        header: t(lang, { zh: '说明', en: 'Notes' }),
        value: (u) =>
          [
            u.vetoed
              ? t(lang, {
                  zh: `一票否决${mark('vetoes')}（${u.vetoes.map((v) => v.name).join('、')}）`,
                  en: `veto${mark('vetoes')}`,
                })
              : '',
            u.cappedFromTopGrade
              ? t(lang, { zh: `优秀名额已满，顺延${mark('topGradeCap')}`, en: `top-grade cap${mark('topGradeCap')}` })
              : '',
            u.bonus.points
              ? t(lang, {
                  zh: `奖励${mark('bonus')} +${u.bonus.points}`,
                  en: `bonus${mark('bonus')} +${u.bonus.points}`,
                })
              : '',
            u.deductions.points
              ? t(lang, {
                  zh: `扣分${mark('deductions')} −${u.deductions.points}`,
                  en: `deducted${mark('deductions')} −${u.deductions.points}`,
                })
              : '',
          ]
            .filter(Boolean)
            .join(lang === 'en' ? '; ' : '；'),
        maxWidth: 48,
      },
    ],
    '  ',
  );
}

/**
 * The part of `kepu demo`'s output that officials read: every target's value year by year, its
 * status in the year shown and its forecast against its deadline, then each score sheet's
 * ranking with grades (departments, then townships). Pure.
 *
 * @example
 * ```ts
 * import { renderDemoSummary } from '@kepu/cli';
 * process.stdout.write(renderDemoSummary(plan, scorecards, 'zh'));
 * ```
 */
export function renderDemoSummary(plan: Plan, cards: readonly Scorecard[], lang: Lang): string {
  const index = indexPlan(plan);
  const sorted = [...cards].sort((a, b) => a.period - b.period);
  const card = sorted.at(-1);
  if (!card) return '';
  const unitOf = (target: string) => index.indicators.get(index.targets.get(target)?.indicator ?? '')?.unit ?? '';
  const columns = targetColumns(index, lang, 42);
  const byYear = sorted.map((c) => new Map(c.targets.map((e) => [e.target, e])));
  const out: string[] = [];
  out.push(
    `■ ${t(lang, { zh: `目标进展（${card.period} 年度，数据截至 ${card.asOf}）`, en: `Targets (${card.period}, data as of ${card.asOf})` })}`,
  );
  out.push(
    renderTable(
      card.targets,
      [
        columns.title,
        ...sorted.map((c, i) => ({
          header: String(c.period),
          value: (e: TargetEvaluation) => {
            const year = byYear[i]?.get(e.target);
            const unit = unitOf(e.target);
            return withPublished(
              withEstimate(shortValue(year, unit, lang), year?.estimate, unit, lang),
              year?.published,
              unit,
              lang,
            );
          },
          align: 'right' as const,
        })),
        { ...columns.status, maxWidth: 16 },
        {
          header: t(lang, { zh: '截止年份预测', en: 'Forecast at deadline' }),
          value: (e) => forecastText(e, unitOf(e.target), lang),
        },
      ],
      '  ',
    ),
  );
  const qualitative = card.targets.filter((e) => e.kind === 'qualitative' && e.status === 'no-data');
  out.push(
    t(lang, {
      zh: `  “—”：当年无法计算（如增长率缺上年数据）。“无数据”不计为 0${qualitative.length ? `；${qualitative.length} 项定性目标由评审判定，本历史中尚无评审` : ''}。`,
      en: `  “—”: not computable that year (a growth rate without the year before). “no data” never counts as 0${qualitative.length ? `; ${qualitative.length} qualitative target(s) are judged by review, and this history has none yet` : ''}.`,
    }),
  );
  const titleOf = targetTitle(index, lang);
  // Every year's survey estimates, not only the last year's: the table shows them all.
  for (const c of sorted) {
    for (const note of estimateFootnotes(c.targets, titleOf, unitOf, lang, index.units)) out.push(`  ${note}`);
  }
  out.push('');
  for (const sheet of card.sheets) {
    out.push(
      `■ ${t(lang, { zh: `${sheet.name}排名（${card.period} 年度）`, en: `${nameOf(lang, sheet)}: ranking (${card.period})` })}`,
    );
    out.push(rankingTable(sheet, lang));
    if (sheet.topGradeCap) {
      const mark = defaultMark(sheet, 'topGradeCap', lang);
      out.push(
        `  ${t(lang, {
          zh: `优秀比例上限 ${Math.round(sheet.topGradeCap.share * 100)}%${mark}：最多 ${sheet.topGradeCap.seats} 个`,
          en: `top grade capped at ${Math.round(sheet.topGradeCap.share * 100)}%${mark}: at most ${sheet.topGradeCap.seats}`,
        })}`,
      );
    }
    const note = defaultRulesNote(sheet, lang);
    if (note) out.push(`  ${note}`);
    out.push('');
  }
  return out.join('\n');
}
