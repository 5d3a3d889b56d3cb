import { indexPlan, type Plan, responsibilityMatrix, type Target, type Task, targetsByDeadline } from '@kepu/core';
import { displayWidth } from '@kepu/reports';
import { type Lang, t } from '../i18n.js';
import { type Column, renderTable } from './table.js';
import { fit } from './width.js';

const OP_SYMBOL = { gte: '≥', gt: '>', lte: '≤', lt: '<', eq: '=' } as const;

const CADENCE = {
  'by-deadline': { zh: '到期达到', en: 'reach by deadline' },
  'every-year': { zh: '每年达到', en: 'every year' },
  'year-on-year-growth': { zh: '逐年增长', en: 'grow every year' },
  'cumulative-by-deadline': { zh: '到期累计', en: 'cumulative by deadline' },
} as const;

function number(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 4 });
}

/**
 * A target's requirement in a few characters: `≥ 12 %`, `2–3 节/周`, `逐年增长`, or the
 * qualitative criterion.
 *
 * @example
 * ```ts
 * formatRequirement(target, plan, 'zh'); // '≥ 12%'
 * ```
 */
export function formatRequirement(target: Target, plan: Plan, lang: Lang): string {
  if (target.kind === 'qualitative')
    return `${t(lang, { zh: '定性', en: 'qualitative' })}: ${target.judgement.criteria}`;
  const indicator = indexPlan(plan).indicators.get(target.indicator);
  const unit = (lang === 'en' ? indicator?.unitEn : undefined) ?? indicator?.unit ?? '';
  const c = target.comparator;
  if (target.cadence === 'year-on-year-growth') return t(lang, CADENCE['year-on-year-growth']);
  if (c.op === 'range') return `${number(c.min)}–${number(c.max)} ${unit}`.trim();
  return `${OP_SYMBOL[c.op]} ${number(c.value)}${unit === '%' ? '%' : ` ${unit}`}`.trim();
}

function nameOf(plan: Plan, id: string, lang: Lang): string {
  const unit = indexPlan(plan).units.get(id);
  if (!unit) return id;
  return lang === 'en' ? (unit.nameEn ?? unit.name) : unit.name;
}

/**
 * The plan as officials read it in a terminal: the document's header, its targets, every
 * task with its leads and partners, and the responsibility matrix. Pure.
 *
 * @example
 * ```ts
 * import { zhengningPlan } from '@kepu/plan-zhengning';
 * process.stdout.write(renderPlanSummary(zhengningPlan, 'zh'));
 * ```
 */
export function renderPlanSummary(plan: Plan, lang: Lang): string {
  const index = indexPlan(plan);
  const out: string[] = [];
  const meta = plan.meta;
  const title = lang === 'en' ? (meta.titleEn ?? meta.title) : meta.title;
  out.push(title, '═'.repeat(Math.min(80, displayWidth(title))));
  const docNo = meta.documentNumber
    ? `${meta.documentNumber.printed}${meta.documentNumber.number === null ? t(lang, { zh: '（文号未印全）', en: ' (number not printed)' }) : ''}`
    : '—';
  out.push(
    `${t(lang, { zh: '发文机关', en: 'Issuer' })}: ${meta.issuer}    ${t(lang, { zh: '文号', en: 'Doc. no.' })}: ${docNo}`,
    `${t(lang, { zh: '印发日期', en: 'Issued' })}: ${meta.issueDate ?? '—'}    ${t(lang, { zh: '实施期限', en: 'Period' })}: ${meta.period.start}—${meta.period.end}`,
  );
  const depts = plan.orgUnits.filter((u) => u.kind !== 'group' && u.kind !== 'township').length;
  const townships = plan.orgUnits.filter((u) => u.kind === 'township').length;
  out.push(
    t(lang, {
      zh: `共 ${index.tasks.length} 项任务、${plan.targets.length} 项目标、${depts} 个部门单位、${townships} 个乡镇`,
      en: `${index.tasks.length} tasks, ${plan.targets.length} targets, ${depts} departments, ${townships} townships`,
    }),
    '',
  );

  out.push(`■ ${t(lang, { zh: '目标', en: 'Targets' })}`);
  const code = (path: string) => {
    const node = index.nodes.get(path);
    if (!node) return path;
    const c =
      node.kind === 'part'
        ? node.part.code
        : node.kind === 'section'
          ? node.section.code
          : node.kind === 'task'
            ? node.task.code
            : node.clause.code;
    return c || path;
  };
  out.push(
    renderTable(
      targetsByDeadline(plan),
      [
        {
          header: t(lang, { zh: '目标', en: 'Target' }),
          value: (x) => (lang === 'en' ? (x.titleEn ?? x.title) : x.title),
          maxWidth: 44,
        },
        {
          header: t(lang, { zh: '基线', en: 'Baseline' }),
          value: (x) =>
            x.kind === 'quantitative' && x.baseline ? `${number(x.baseline.value)} (${x.baseline.year})` : '—',
        },
        {
          header: t(lang, { zh: '要求', en: 'Requirement' }),
          value: (x) => formatRequirement(x, plan, lang),
          maxWidth: 24,
        },
        {
          header: t(lang, { zh: '方式', en: 'Cadence' }),
          value: (x) =>
            x.kind === 'quantitative' ? t(lang, CADENCE[x.cadence]) : t(lang, { zh: '评审判定', en: 'judged' }),
        },
        { header: t(lang, { zh: '期限', en: 'Due' }), value: (x) => String(x.deadline.year), align: 'right' },
        {
          header: t(lang, { zh: '出处', en: 'Source' }),
          value: (x) => x.links.map(code).join(lang === 'en' ? ', ' : '、'),
        },
      ],
      '  ',
    ),
    '',
  );

  // Most plans name one partner set (the leading group's members) on nearly every task: say it
  // once, and list partners only on the tasks that differ.
  const partnerKey = (ids: readonly string[]) => [...ids].sort().join(',');
  const counts = new Map<string, number>();
  for (const { task } of index.tasks)
    counts.set(partnerKey(task.partners), (counts.get(partnerKey(task.partners)) ?? 0) + 1);
  const [commonKey] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [''];
  const common = commonKey ? commonKey.split(',') : [];
  const partnerNames = (ids: readonly string[]) =>
    ids
      .map(
        (id) =>
          `${nameOf(plan, id, lang)}${index.units.get(id)?.kind === 'group' ? t(lang, { zh: '各成员单位', en: ' (all members)' }) : ''}`,
      )
      .join(lang === 'en' ? ', ' : '、');
  if (common.length > 0 && (counts.get(commonKey) ?? 0) > 1) {
    out.push(
      t(lang, {
        zh: `配合单位（除另列外）：${partnerNames(common)}`,
        en: `Partners (unless listed): ${partnerNames(common)}`,
      }),
      '',
    );
  }
  const differs = index.tasks.some(({ task }) => partnerKey(task.partners) !== commonKey);

  for (const part of plan.parts) {
    if (!part.sections.some((s) => s.tasks.length > 0)) continue;
    out.push(`■ ${part.code}、${lang === 'en' ? (part.titleEn ?? part.title) : part.title}`);
    for (const section of part.sections) {
      const audiences = section.audiences
        .map((id) => plan.audiences.find((a) => a.id === id))
        .map((a) => (a ? (lang === 'en' ? (a.nameEn ?? a.name) : a.name) : ''))
        .filter(Boolean);
      out.push(
        `  ${section.code} ${lang === 'en' ? (section.titleEn ?? section.title) : section.title}${audiences.length ? `  [${audiences.join(lang === 'en' ? ', ' : '、')}]` : ''}`,
      );
      const columns: Array<Column<Task>> = [
        { header: t(lang, { zh: '编号', en: 'Code' }), value: (task) => task.code },
        {
          header: t(lang, { zh: '任务', en: 'Task' }),
          value: (task) => (lang === 'en' ? (task.titleEn ?? task.title) : task.title),
          maxWidth: 40,
        },
        {
          header: t(lang, { zh: '牵头', en: 'Leads' }),
          value: (task) =>
            task.leads.map((id) => nameOf(plan, id, lang)).join(lang === 'en' ? ', ' : '、') +
            (task.inherited ? t(lang, { zh: '（承接本节职责）', en: ' (section’s)' }) : ''),
        },
      ];
      if (differs) {
        columns.push({
          header: t(lang, { zh: '配合', en: 'Partners' }),
          value: (task) =>
            partnerKey(task.partners) === commonKey
              ? t(lang, { zh: '同上', en: 'as above' })
              : partnerNames(task.partners),
          maxWidth: 40,
        });
      }
      out.push(renderTable(section.tasks, columns, '    '));
    }
    out.push('');
  }

  out.push(...renderMatrix(plan, lang), '');
  return `${out.join('\n')}\n`;
}

function renderMatrix(plan: Plan, lang: Lang): string[] {
  const matrix = responsibilityMatrix(plan);
  const index = indexPlan(plan);
  const groups: Array<{ label: string; count: number }> = [];
  for (const { section, part } of index.tasks) {
    const label = `${part.code}${section.code.replace(part.code, '').replace(/[（）()]/g, '')}`;
    const last = groups[groups.length - 1];
    if (last?.label === label) last.count += 1;
    else groups.push({ label, count: 1 });
  }
  // Two columns per cell. A partner named on the task itself is marked apart from a partner that
  // is one only as a member of a partner group, which is most of the matrix in practice.
  const lead = lang === 'en' ? 'L ' : '牵';
  const named = lang === 'en' ? 'P ' : '配';
  const viaGroup = ' .';
  const nameWidth = Math.max(
    ...matrix.units.map((u) => displayWidth(lang === 'en' ? (u.nameEn ?? u.name) : u.name)),
    4,
  );
  const header1 = fit('', nameWidth) + groups.map((g) => ` ${fit(g.label, g.count * 2)}`).join('');
  let taskNo = 0;
  const header2 =
    fit(t(lang, { zh: '单位＼任务', en: 'Unit \\ task' }), nameWidth) +
    groups
      .map((g) => {
        const numbers = Array.from({ length: g.count }, (_, i) =>
          fit(String(index.tasks[taskNo + i]?.task.path.split('.').pop()), 2),
        ).join('');
        taskNo += g.count;
        return ` ${numbers}`;
      })
      .join('');
  const rows = matrix.units.map((unit, r) => {
    let col = 0;
    const cells = groups
      .map((g) => {
        const chunk = (matrix.cells[r] ?? [])
          .slice(col, col + g.count)
          .map((role, i) =>
            role === 'lead'
              ? lead
              : role !== 'partner'
                ? '  '
                : matrix.tasks[col + i]?.partners.includes(unit.id)
                  ? named
                  : viaGroup,
          );
        col += g.count;
        return ` ${chunk.join('')}`;
      })
      .join('');
    const leads = (matrix.cells[r] ?? []).filter((x) => x === 'lead').length;
    return `${fit(lang === 'en' ? (unit.nameEn ?? unit.name) : unit.name, nameWidth)}${cells}  ${leads}`;
  });
  const townships = plan.orgUnits.filter((u) => u.kind === 'township' && !matrix.units.includes(u));
  return [
    `■ ${t(lang, {
      zh: '责任矩阵（牵＝牵头，配＝配合，. ＝作为领导小组成员配合；末列为牵头任务数）',
      en: 'Responsibility matrix (L = lead, P = partner, . = partner as a group member; last column: tasks led)',
    })}`,
    header1,
    header2,
    ...rows,
    ...(townships.length > 0
      ? [
          t(lang, {
            zh: `注：${townships.length} 个乡镇未在任务中列为牵头或配合单位，按乡镇考核另行评价。`,
            en: `Note: ${townships.length} townships are named on no task; they are assessed on the township scheme.`,
          }),
        ]
      : []),
  ];
}
