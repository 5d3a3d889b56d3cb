import { responsibilityHeatmapOption } from '@kepu/charts';
import type { Plan, Task } from '@kepu/core';
import { usePlan, useResponsibilityMatrix, useTasks } from '@kepu/react';
import { useId, useMemo, useState } from 'react';
import { PageHeading } from '../components/common.js';
import { EChart } from '../components/EChart.js';
import { nameOf, T, titleOf, useLang, useT } from '../i18n.js';

function unitNames(plan: Plan, ids: readonly string[], lang: 'zh' | 'en'): string {
  return ids
    .map((id) => {
      const unit = plan.orgUnits.find((u) => u.id === id);
      return unit ? nameOf(lang, unit) : id;
    })
    .join(lang === 'zh' ? '、' : ', ');
}

export function PlanPage() {
  const t = useT();
  const lang = useLang();
  const plan = usePlan();
  const [unit, setUnit] = useState('');
  const [audience, setAudience] = useState('');
  const tasks = useTasks({ ...(unit ? { unit } : {}), ...(audience ? { audience } : {}) });
  const shown = useMemo(() => new Set(tasks.map((task) => task.path)), [tasks]);
  const matrix = useResponsibilityMatrix();
  const heatmap = useMemo(() => responsibilityHeatmapOption(plan, { lang, title: false }), [plan, lang]);
  const unitId = useId();
  const audienceId = useId();
  const taskParts = plan.parts.filter((p) => p.sections.some((s) => s.tasks.length > 0));

  return (
    <>
      <PageHeading>{t(T.plan)}</PageHeading>
      <p className="lead">
        {titleOf(lang, plan.meta)} · {plan.meta.issuer} · {plan.meta.issueDate}
      </p>
      <form
        className="toolbar"
        aria-label={lang === 'zh' ? '筛选任务' : 'Filter tasks'}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field inline">
          <label htmlFor={unitId}>{lang === 'zh' ? '责任单位' : 'Unit'}</label>
          <select id={unitId} value={unit} onChange={(e) => setUnit(e.target.value)}>
            <option value="">{lang === 'zh' ? '全部单位' : 'All units'}</option>
            {plan.orgUnits
              .filter((u) => u.kind !== 'group' && u.kind !== 'township')
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {nameOf(lang, u)}
                </option>
              ))}
          </select>
        </div>
        <div className="field inline">
          <label htmlFor={audienceId}>{lang === 'zh' ? '人群' : 'Audience'}</label>
          <select id={audienceId} value={audience} onChange={(e) => setAudience(e.target.value)}>
            <option value="">{lang === 'zh' ? '全部人群' : 'All audiences'}</option>
            {(plan.audiences ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {nameOf(lang, a)}
              </option>
            ))}
          </select>
        </div>
        <p className="hint" role="status">
          {lang === 'zh' ? `共 ${tasks.length} 项任务` : `${tasks.length} tasks`}
        </p>
      </form>

      {taskParts.map((part) => (
        <section key={part.path} aria-labelledby={`part-${part.path}`}>
          <h2 id={`part-${part.path}`}>
            {part.code}、{titleOf(lang, part)}
          </h2>
          {part.sections
            .filter((s) => s.tasks.some((task) => shown.has(task.path)))
            .map((section) => (
              <section key={section.path} className="plan-section" aria-labelledby={`section-${section.path}`}>
                <h3 id={`section-${section.path}`}>
                  {section.code} {titleOf(lang, section)}
                </h3>
                <ol className="tasks">
                  {section.tasks
                    .filter((task) => shown.has(task.path))
                    .map((task) => (
                      <TaskItem key={task.path} task={task} plan={plan} />
                    ))}
                </ol>
              </section>
            ))}
        </section>
      ))}

      <section aria-labelledby="matrix-heading">
        <h2 id="matrix-heading">{lang === 'zh' ? '责任矩阵' : 'Responsibility matrix'}</h2>
        <p className="hint">
          {lang === 'zh'
            ? `${matrix.units.length} 个单位 × ${matrix.tasks.length} 项任务：深色为牵头，浅色为配合。`
            : `${matrix.units.length} units × ${matrix.tasks.length} tasks: dark is lead, light is partner.`}
        </p>
        <figure className="card">
          <EChart
            option={heatmap}
            label={lang === 'zh' ? '责任矩阵热力图' : 'Responsibility heatmap'}
            height={Math.max(420, matrix.units.length * 22 + 120)}
            testId="heatmap-chart"
          />
        </figure>
      </section>
    </>
  );
}

function TaskItem({ task, plan }: { task: Task; plan: Plan }) {
  const lang = useLang();
  return (
    <li className="task" id={`task-${task.path}`}>
      <p className="task-title">
        <span className="code">{task.code}</span> {titleOf(lang, task)}
      </p>
      <dl className="responsibility">
        <div>
          <dt>{lang === 'zh' ? '牵头部门' : 'Lead'}</dt>
          <dd>{unitNames(plan, task.leads, lang)}</dd>
        </div>
        <div>
          <dt>{lang === 'zh' ? '配合部门' : 'Partners'}</dt>
          <dd>{task.partners.length ? unitNames(plan, task.partners, lang) : '—'}</dd>
        </div>
      </dl>
      {task.text && (
        <details>
          <summary>{lang === 'zh' ? '原文' : 'Source text'}</summary>
          <blockquote lang="zh-CN">{task.text}</blockquote>
        </details>
      )}
    </li>
  );
}
