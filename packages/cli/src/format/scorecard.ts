import {
  defaultMark,
  defaultRulesNote,
  formatNumber,
  indexPlan,
  type Plan,
  type Scorecard,
  type SheetResult,
  type TargetEvaluation,
  type UnitScore,
} from '@kepu/core';
import { displayWidth, estimateFootnotes, withEstimate, withPublished } from '@kepu/reports';
import { type Lang, t } from '../i18n.js';
import { renderTable } from './table.js';
import { targetColumns, targetTitle } from './target-columns.js';

function fixed(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toFixed(digits);
}

function oneDecimal(value: number): string {
  return formatNumber(Math.round(value * 10) / 10);
}

function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

function valueText(e: TargetEvaluation, unit: string, lang: Lang): string {
  if (e.value === null) {
    if (e.status === 'insufficient-data') return t(lang, { zh: '有数据·无增长率', en: 'level only' });
    return t(lang, { zh: '无数据', en: 'no data' });
  }
  if (e.valueKind === 'review') return `${formatNumber(e.value * 100)}%`;
  if (e.valueKind === 'growth-percent') return `${e.value >= 0 ? '+' : ''}${oneDecimal(e.value)}%`;
  const suffix = unit === '%' ? '%' : unit ? ` ${unit}` : '';
  return `${formatNumber(e.value)}${suffix}${e.valuePeriod !== null && e.valueKind === 'level' ? ` (${e.valuePeriod})` : ''}`;
}

function forecastText(e: TargetEvaluation, unit: string, lang: Lang): string {
  const f = e.forecast;
  if (!f) return '—';
  const mark = f.meets ? '✓' : '✗';
  const v =
    e.valueKind === 'growth-percent'
      ? `${f.value >= 0 ? '+' : ''}${formatNumber(Math.round(f.value * 10) / 10)}%`
      : `${formatNumber(Math.round(f.value * 100) / 100)}${unit === '%' ? '%' : ''}`;
  const final = f.method === 'final' ? t(lang, { zh: '（结果）', en: ' (final)' }) : '';
  return `${f.year}: ${v} ${mark}${final}`;
}

function groupCell(u: UnitScore, group: string): string {
  const g = u.groups.find((x) => x.group === group);
  if (!g) return '—';
  return `${oneDecimal(g.points)}/${oneDecimal(g.maxPoints)}`;
}

function unitNotes(u: UnitScore, sheet: SheetResult, lang: Lang): string {
  const notes: string[] = [];
  const mark = (rule: Parameters<typeof defaultMark>[1]) => defaultMark(sheet, rule, lang);
  if (u.vetoed)
    notes.push(
      t(lang, {
        zh: `一票否决${mark('vetoes')}：${u.vetoes.map((v) => v.name).join('、')}`,
        en: `veto${mark('vetoes')}: ${u.vetoes.map((v) => v.veto).join(', ')}`,
      }),
    );
  if (u.cappedFromTopGrade)
    notes.push(
      t(lang, { zh: `优秀比例已满，顺延${mark('topGradeCap')}`, en: `top-grade cap reached${mark('topGradeCap')}` }),
    );
  const missing = u.items.filter((i) => i.status === 'not-assessed');
  if (missing.length > 0) {
    const zero = missing.filter((i) => i.policy === 'zero').length;
    const out = missing.length - zero;
    if (out > 0)
      notes.push(
        t(lang, {
          zh: `${out} 项无数据未计入（其余折算）${mark('missing')}`,
          en: `${out} item(s) without data left out (rescaled)${mark('missing')}`,
        }),
      );
    if (zero > 0)
      notes.push(
        t(lang, {
          zh: `${zero} 项无评审计 0 分${mark('missing')}`,
          en: `${zero} item(s) without review count 0${mark('missing')}`,
        }),
      );
  }
  return notes.join('；');
}

function renderSheet(sheet: SheetResult, lang: Lang): string[] {
  const out: string[] = [];
  const mark = (rule: Parameters<typeof defaultMark>[1]) => defaultMark(sheet, rule, lang);
  const title = lang === 'en' ? (sheet.nameEn ?? sheet.name) : sheet.name;
  out.push(`■ ${title}${t(lang, { zh: ' 考核排名', en: ': ranking' })}`);
  const assessed = sheet.units.filter((u) => u.assessed);
  const groups = assessed[0]?.groups ?? sheet.units[0]?.groups ?? [];
  if (assessed.length > 0) {
    out.push(
      renderTable(
        assessed,
        [
          { header: t(lang, { zh: '名次', en: 'Rank' }), value: (u) => String(u.rank ?? '—'), align: 'right' },
          {
            header: t(lang, { zh: '单位', en: 'Unit' }),
            value: (u) => (lang === 'en' ? (u.nameEn ?? u.name) : u.name),
            maxWidth: 30,
          },
          { header: t(lang, { zh: '得分', en: 'Score' }), value: (u) => fixed(u.score, 2), align: 'right' },
          {
            header: `${t(lang, { zh: '等次', en: 'Grade' })}${mark('grades')}`,
            value: (u) => (u.grade ? (lang === 'en' ? (u.grade.nameEn ?? u.grade.name) : u.grade.name) : '—'),
          },
          ...groups.map((g) => ({
            header: lang === 'en' ? (g.nameEn ?? g.name) : g.name,
            value: (u: UnitScore) => groupCell(u, g.group),
            align: 'right' as const,
          })),
          {
            header: `${t(lang, { zh: '奖励', en: 'Bonus' })}${mark('bonus')}`,
            value: (u: UnitScore) => (u.bonus.points ? `+${formatNumber(u.bonus.points)}` : ''),
            align: 'right' as const,
          },
          {
            header: `${t(lang, { zh: '扣分', en: 'Deduct.' })}${mark('deductions')}`,
            value: (u: UnitScore) => (u.deductions.points ? `−${formatNumber(u.deductions.points)}` : ''),
            align: 'right' as const,
          },
          {
            header: t(lang, { zh: '自评/审定', en: 'Self/audited' }),
            value: (u: UnitScore) =>
              u.selfScore === null ? '' : `${oneDecimal(u.selfScore)}/${oneDecimal(u.selfScoreAudited ?? 0)}`,
            align: 'right' as const,
          },
          {
            header: t(lang, { zh: '说明', en: 'Notes' }),
            value: (u: UnitScore) => unitNotes(u, sheet, lang),
            maxWidth: 44,
          },
        ],
        '  ',
      ),
    );
  }
  const notAssessed = sheet.units.filter((u) => !u.assessed);
  if (notAssessed.length > 0) {
    out.push(
      `  ${t(lang, { zh: '未评估（数据不足，不给分数、等次和名次）', en: 'Not assessed (too little data: no score, grade or rank)' })}${mark('missing')}: ${notAssessed
        .map(
          (u) =>
            `${lang === 'en' ? (u.nameEn ?? u.name) : u.name} (${t(lang, { zh: '覆盖', en: 'coverage' })} ${percent(u.coverage)})`,
        )
        .join(lang === 'en' ? ', ' : '、')}`,
    );
  }
  if (sheet.topGradeCap) {
    out.push(
      `  ${t(lang, {
        zh: `优秀比例上限 ${formatNumber(sheet.topGradeCap.share * 100)}%${mark('topGradeCap')}：最多 ${sheet.topGradeCap.seats} 个，实有 ${sheet.topGradeCap.held} 个`,
        en: `Top grade capped at ${formatNumber(sheet.topGradeCap.share * 100)}%${mark('topGradeCap')}: at most ${sheet.topGradeCap.seats}, held by ${sheet.topGradeCap.held}`,
      })}`,
    );
  }
  const note = defaultRulesNote(sheet, lang);
  if (note) out.push(`  ${note}`);
  out.push('');
  return out;
}

/**
 * A scorecard as officials read it in a terminal: the header (scheme, version, content hash,
 * rules version, cut-off date), every target with its value, attainment, expected value, status
 * and forecast, the tasks assessed, and each sheet's ranking with grades, group subtotals,
 * bonus, deductions, self-scores and notes (vetoes, the top-grade cap, items without data).
 * Chinese by default, English with `lang: 'en'`. Pure: the same scorecard gives the same text.
 *
 * @example
 * ```ts
 * import { assess } from '@kepu/core';
 * import { renderScorecard } from '@kepu/cli';
 * import { zhengningPlan, zhengningScheme } from '@kepu/plan-zhengning';
 * const card = assess(zhengningPlan, zhengningScheme, inputs, { period: 2024 });
 * process.stdout.write(renderScorecard(card, zhengningPlan, 'zh'));
 * ```
 */
export function renderScorecard(card: Scorecard, plan: Plan, lang: Lang): string {
  const index = indexPlan(plan);
  const out: string[] = [];
  const planTitle = lang === 'en' ? (plan.meta.titleEn ?? plan.meta.title) : plan.meta.title;
  const title = t(lang, {
    zh: `${planTitle}\n${card.period} 年度督查考核记分卡`,
    en: `${planTitle}\nAssessment scorecard, ${card.period}`,
  });
  out.push(title, '═'.repeat(Math.min(80, Math.max(...title.split('\n').map(displayWidth)))));
  out.push(
    `${t(lang, { zh: '考核方案', en: 'Scheme' })}: ${lang === 'en' ? (card.scheme.nameEn ?? card.scheme.name) : card.scheme.name} (${card.scheme.id} ${card.scheme.version})`,
    `${t(lang, { zh: '方案哈希', en: 'Scheme hash' })}: ${card.scheme.hash}`,
    `${t(lang, { zh: '规则版本', en: 'Rules' })}: ${card.rulesVersion}    ${t(lang, { zh: '数据截至', en: 'Data as of' })}: ${card.asOf}    ${t(
      lang,
      { zh: '进度阈值', en: 'Thresholds' },
    )}: ${card.thresholds.onTrack} / ${card.thresholds.needsAcceleration} / ${card.thresholds.limitedProgress}`,
    '',
  );

  const unitOf = (target: string): string => {
    const indicator = index.indicators.get(index.targets.get(target)?.indicator ?? '');
    return (lang === 'en' ? (indicator?.unitEn ?? indicator?.unit) : indicator?.unit) ?? '';
  };
  const columns = targetColumns(index, lang, 36);
  out.push(`■ ${t(lang, { zh: '目标进展', en: 'Targets' })}`);
  out.push(
    renderTable(
      card.targets,
      [
        columns.title,
        {
          header: t(lang, { zh: '要求', en: 'Requirement' }),
          value: (e) =>
            e.kind === 'qualitative'
              ? t(lang, { zh: '评审判定', en: 'reviewed' })
              : e.cadence === 'year-on-year-growth'
                ? t(lang, {
                    zh: `同比增长${e.requirement.replace('growth', '').replace(' %', '%')}`,
                    en: e.requirement.replace(' %', '%'),
                  })
                : e.requirement,
          maxWidth: 16,
        },
        {
          header: t(lang, { zh: '当前值', en: 'Value' }),
          value: (e) =>
            withPublished(
              withEstimate(valueText(e, unitOf(e.target), lang), e.estimate, unitOf(e.target), lang),
              e.published,
              unitOf(e.target),
              lang,
            ),
          align: 'right',
        },
        { header: t(lang, { zh: '完成度', en: 'Attained' }), value: (e) => percent(e.attainment), align: 'right' },
        {
          header: t(lang, { zh: '应达到', en: 'Expected' }),
          value: (e) =>
            e.expected === null
              ? '—'
              : e.valueKind === 'review'
                ? percent(e.expected)
                : formatNumber(Math.round(e.expected * 100) / 100),
          align: 'right',
        },
        columns.status,
        {
          header: t(lang, { zh: '到期预测', en: 'Forecast' }),
          value: (e) => forecastText(e, unitOf(e.target), lang),
        },
      ],
      '  ',
    ),
    '',
  );
  const titleOf = targetTitle(index, lang);
  const footnotes = estimateFootnotes(card.targets, titleOf, unitOf, lang, index.units);
  if (footnotes.length > 0) out.push(...footnotes.map((n) => `  ${n}`), '');

  const assessedTasks = card.tasks.filter((x) => x.assessed);
  const average = assessedTasks.length
    ? assessedTasks.reduce((s, x) => s + (x.result ?? 0), 0) / assessedTasks.length
    : null;
  out.push(
    `■ ${t(lang, { zh: '任务', en: 'Tasks' })}: ${t(lang, {
      zh: `${card.tasks.length} 项中 ${assessedTasks.length} 项已评估，平均完成度 ${percent(average)}`,
      en: `${assessedTasks.length} of ${card.tasks.length} assessed, mean result ${percent(average)}`,
    })}`,
  );
  const weakest = [...assessedTasks]
    .sort((a, b) => (a.result ?? 0) - (b.result ?? 0) || a.task.localeCompare(b.task))
    .slice(0, 3);
  if (weakest.length > 0) {
    out.push(
      `  ${t(lang, { zh: '完成度最低', en: 'Lowest' })}: ${weakest.map((x) => `${x.code} ${percent(x.result)}`).join(lang === 'en' ? ', ' : '、')}`,
    );
  }
  const missingTasks = card.tasks.filter((x) => !x.assessed);
  if (missingTasks.length > 0) {
    out.push(
      `  ${t(lang, { zh: '未评估（无数据）', en: 'Not assessed (no data)' })}: ${missingTasks.map((x) => x.code).join(lang === 'en' ? ', ' : '、')}`,
    );
  }
  out.push('');

  for (const sheet of card.sheets) out.push(...renderSheet(sheet, lang));

  if (card.notes.length > 0) {
    out.push(`■ ${t(lang, { zh: '说明', en: 'Notes' })}`);
    for (const note of card.notes) out.push(`  - ${t(lang, note.text)}`);
    out.push('');
  }
  out.push(
    t(lang, {
      zh: '每个数字的计算过程见 --json 输出中的 explanations（规则、公式、输入）。',
      en: 'Every number’s derivation (rule, formula, inputs) is in the explanations of the --json output.',
    }),
    '',
  );
  return out.join('\n');
}
