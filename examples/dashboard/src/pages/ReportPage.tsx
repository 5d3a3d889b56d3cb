import type { EvidenceFile, KepuIssue, ProgressReport } from '@kepu/core';
import { useActor, usePlan, useReports, useSubmitReport, useTasks } from '@kepu/react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { FieldError, FormErrors, PageHeading, PERIODS } from '../components/common.js';
import { filesSummary, observationIssues, observationOf } from '../forms/report-observation.js';
import { nameOf, T, titleOf, useLang, useT } from '../i18n.js';

const FIELDS = [
  'task',
  'period',
  'narrative',
  'observations.0.target',
  'observations.0.value',
  'observations.0.numerator',
  'observations.0.denominator',
  'observations.0.published.source',
  'observations.0',
  'evidence',
];

const STATUS_NAMES = {
  submitted: { zh: '待审核', en: 'awaiting review' },
  returned: { zh: '已退回', en: 'returned' },
  approved: { zh: '已通过', en: 'approved' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
} as const;

async function describeFile(file: File): Promise<EvidenceFile> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  const sha256 = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { name: file.name, type: file.type || 'application/octet-stream', size: file.size, sha256 };
}

interface Draft {
  task: string;
  period: string;
  narrative: string;
  target: string;
  value: string;
  numerator: string;
  denominator: string;
  source: string;
}

const EMPTY: Draft = {
  task: '',
  period: '2025',
  narrative: '',
  target: '',
  value: '',
  numerator: '',
  denominator: '',
  source: '',
};

export function ReportPage() {
  const t = useT();
  const lang = useLang();
  const actor = useActor();
  if (actor?.role !== 'reporter' || actor.unit === undefined) {
    return (
      <>
        <PageHeading>{t(T.report)}</PageHeading>
        <p className="notice">
          {lang === 'zh'
            ? '进展报告由各单位填报员填写。请在页面顶部把“当前身份”切换为某个部门或乡镇的填报员。'
            : 'Progress reports are filed by a unit’s reporter. Switch “Acting as” at the top to a department’s or township’s reporter.'}
        </p>
      </>
    );
  }
  return <ReportForm unit={actor.unit} key={actor.id} />;
}

function ReportForm({ unit }: { unit: string }) {
  const t = useT();
  const lang = useLang();
  const plan = usePlan();
  const tasks = useTasks({ unit });
  const reports = useReports({ unit });
  const { submit, resubmit, errors, formErrors, pending, reset } = useSubmitReport({ fields: FIELDS });
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [revising, setRevising] = useState<ProgressReport | undefined>(undefined);
  const [evidence, setEvidence] = useState<EvidenceFile | undefined>(undefined);
  const [done, setDone] = useState('');
  // What the shared observation rules said before the report went to the engine.
  const [ruleErrors, setRuleErrors] = useState<Record<string, KepuIssue[]>>({});
  const unitName = nameOf(lang, plan.orgUnits.find((u) => u.id === unit) ?? { name: unit });
  const quantitative = plan.targets.filter((x) => x.kind === 'quantitative');
  const target = plan.targets.find((x) => x.id === draft.target);
  const isRate = plan.indicators.find((i) => i.id === target?.indicator)?.valueType === 'rate';

  const set = (field: keyof Draft) => (e: { target: { value: string } }) =>
    setDraft((d) =>
      // A new target starts with no figures: those typed for another one are not carried over.
      field === 'target'
        ? { ...d, target: e.target.value, value: '', numerator: '', denominator: '', source: '' }
        : { ...d, [field]: e.target.value },
    );

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    const observation = observationOf(draft);
    const observations = observation ? [observation] : [];
    // The rules the engine runs on every observation, run here first: the field shows the
    // rule's own message, and a report the engine would refuse is not sent.
    const broken = observationIssues(plan, revising?.period ?? draft.period, observations);
    setRuleErrors(broken);
    if (Object.keys(broken).length > 0) {
      reset();
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const content = { narrative: draft.narrative, observations, evidence: evidence ? [evidence] : [] };
    const outcome = revising
      ? await resubmit(revising.id, content)
      : await submit({ ...(draft.task ? { task: draft.task } : {}), period: draft.period, ...content });
    if (outcome) {
      setDone(
        lang === 'zh'
          ? `报告 ${outcome.target.id} 已${revising ? '重新' : ''}提交，等待牵头单位审核。`
          : `Report ${outcome.target.id} ${revising ? 're' : ''}submitted; it now awaits the lead unit’s review.`,
      );
      setDraft(EMPTY);
      setEvidence(undefined);
      setRevising(undefined);
    } else {
      // Move focus to the first field in error so keyboard users land on it.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    }
  };

  const revise = (report: ProgressReport) => {
    const last = report.revisions.at(-1);
    const o = last?.observations[0];
    reset();
    setRuleErrors({});
    setDone('');
    setRevising(report);
    setDraft({
      task: report.task ?? '',
      period: report.period,
      narrative: last?.narrative ?? '',
      target: o?.target ?? '',
      value: o?.value === undefined ? '' : String(o.value),
      numerator: o?.numerator === undefined ? '' : String(o.numerator),
      denominator: o?.denominator === undefined ? '' : String(o.denominator),
      source: o?.published?.source ?? '',
    });
    requestAnimationFrame(() => document.getElementById('narrative')?.focus());
  };

  // A rule's issue at a field the form has no input for (a category, a date) shows with the observation.
  const shown = (field: string) => {
    if (field !== 'observations.0') return errors[field] ?? ruleErrors[field];
    const elsewhere = Object.entries(ruleErrors)
      .filter(([path]) => !FIELDS.includes(path))
      .flatMap(([, issues]) => issues);
    return errors[field] ?? (elsewhere.length > 0 ? elsewhere : undefined);
  };
  const invalid = (field: string) => (shown(field) ? true : undefined);
  const describedBy = (field: string, hint?: string) =>
    [hint, `${field.replaceAll('.', '-')}-error`].filter(Boolean).join(' ');
  /** One input of the observation with its label and its errors, wired to the draft field `key`. */
  const observationField = (
    id: string,
    label: string,
    path: string,
    key: keyof Draft,
    type: 'number' | 'text',
    inputMode?: 'decimal' | 'numeric',
  ) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        {...(inputMode ? { inputMode } : {})}
        value={draft[key]}
        onChange={set(key)}
        aria-invalid={invalid(path)}
        aria-describedby={describedBy(path)}
      />
      <FieldError id={`${path.replaceAll('.', '-')}-error`} issues={shown(path)} />
    </div>
  );

  /** A choice of the report's task or period: fixed once the report exists (a revision keeps them). */
  const fixedSelect = (field: 'task' | 'period', label: string, options: ReactNode) => (
    <div className="field">
      <label htmlFor={field}>{label}</label>
      <select
        id={field}
        value={draft[field]}
        onChange={set(field)}
        disabled={revising !== undefined}
        aria-invalid={invalid(field)}
        aria-describedby={describedBy(field)}
      >
        {options}
      </select>
      <FieldError id={`${field}-error`} issues={errors[field]} />
    </div>
  );

  return (
    <>
      <PageHeading>{t(T.report)}</PageHeading>
      <p className="lead">
        {lang === 'zh' ? `以 ${unitName} 填报员身份填报任务进展。` : `Filing progress as ${unitName}’s reporter.`}
      </p>

      <form className="report-form card" onSubmit={onSubmit} noValidate aria-labelledby="form-title">
        <h2 id="form-title">
          {revising
            ? lang === 'zh'
              ? `修改并重新提交报告 ${revising.id}`
              : `Revise and resubmit report ${revising.id}`
            : lang === 'zh'
              ? '新建进展报告'
              : 'New progress report'}
        </h2>
        {revising && (
          <p className="notice">
            {lang === 'zh' ? '退回原因：' : 'Returned because: '}
            {revising.decisions.at(-1)?.reason}
          </p>
        )}
        <FormErrors issues={formErrors} />

        {fixedSelect(
          'task',
          lang === 'zh' ? '任务' : 'Task',
          <>
            {filesSummary(plan, unit) || revising ? (
              <option value="">{lang === 'zh' ? '本单位年度工作总结' : 'The unit’s annual summary'}</option>
            ) : (
              <option value="">{lang === 'zh' ? '请选择任务' : 'Choose a task'}</option>
            )}
            {tasks.map((task) => (
              <option key={task.path} value={task.path}>
                {task.code} {titleOf(lang, task)}
                {task.leads.includes(unit)
                  ? lang === 'zh'
                    ? '（牵头）'
                    : ' (lead)'
                  : lang === 'zh'
                    ? '（配合）'
                    : ' (partner)'}
              </option>
            ))}
          </>,
        )}

        {fixedSelect(
          'period',
          lang === 'zh' ? '报告期' : 'Period',
          PERIODS.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          )),
        )}

        <div className="field">
          <label htmlFor="narrative">{lang === 'zh' ? '进展情况' : 'Progress'}</label>
          <textarea
            id="narrative"
            rows={5}
            value={draft.narrative}
            onChange={set('narrative')}
            aria-invalid={invalid('narrative')}
            aria-describedby={describedBy('narrative', 'narrative-hint')}
          />
          <p id="narrative-hint" className="hint">
            {lang === 'zh'
              ? '写明完成了什么、数量多少、还有什么没有完成。'
              : 'What was done, how much, and what is still open.'}
          </p>
          <FieldError id="narrative-error" issues={errors.narrative} />
        </div>

        <fieldset className="observation">
          <legend>{lang === 'zh' ? '监测数据（可选）' : 'Measured value (optional)'}</legend>
          <div className="field">
            <label htmlFor="obs-target">{lang === 'zh' ? '监测目标' : 'Target'}</label>
            <select
              id="obs-target"
              value={draft.target}
              onChange={set('target')}
              aria-invalid={invalid('observations.0.target')}
              aria-describedby={describedBy('observations.0.target')}
            >
              <option value="">{lang === 'zh' ? '不填写' : 'None'}</option>
              {quantitative.map((x) => (
                <option key={x.id} value={x.id}>
                  {titleOf(lang, x)}
                </option>
              ))}
            </select>
            <FieldError id="observations-0-target-error" issues={shown('observations.0.target')} />
          </div>
          {draft.target &&
            !isRate &&
            observationField(
              'obs-value',
              lang === 'zh' ? '数值' : 'Value',
              'observations.0.value',
              'value',
              'number',
              'decimal',
            )}
          {draft.target && isRate && (
            <div className="field-row">
              {observationField(
                'obs-numerator',
                lang === 'zh' ? '分子' : 'Numerator',
                'observations.0.numerator',
                'numerator',
                'number',
                'numeric',
              )}
              {observationField(
                'obs-denominator',
                lang === 'zh' ? '分母' : 'Denominator',
                'observations.0.denominator',
                'denominator',
                'number',
                'numeric',
              )}
            </div>
          )}
          {draft.target && isRate && (
            // Only a rate published by the province or city, no microdata: the figure and its source.
            <div className="field-row">
              {observationField(
                'obs-published-value',
                lang === 'zh' ? '或：上级公布的比例（%）' : 'Or: the published rate (%)',
                'observations.0.value',
                'value',
                'number',
                'decimal',
              )}
              {observationField(
                'obs-source',
                lang === 'zh' ? '公布来源' : 'Published source',
                'observations.0.published.source',
                'source',
                'text',
              )}
            </div>
          )}
          <FieldError id="observations-0-error" issues={shown('observations.0')} />
        </fieldset>

        <div className="field">
          <label htmlFor="evidence">{lang === 'zh' ? '佐证材料（可选）' : 'Evidence file (optional)'}</label>
          <input
            id="evidence"
            type="file"
            aria-describedby={describedBy('evidence', 'evidence-hint')}
            onChange={async (e) => {
              const file = e.target.files?.[0];
              setEvidence(file ? await describeFile(file) : undefined);
            }}
          />
          <p id="evidence-hint" className="hint">
            {lang === 'zh'
              ? '文件留在本机，系统只记录文件名、类型、大小和 SHA-256 指纹。'
              : 'The file stays on this computer; only its name, type, size and SHA-256 are recorded.'}
          </p>
          <FieldError id="evidence-error" issues={errors.evidence} />
        </div>

        <div className="actions">
          <button type="submit" className="primary" disabled={pending}>
            {revising ? (lang === 'zh' ? '重新提交' : 'Resubmit') : lang === 'zh' ? '提交报告' : 'Submit report'}
          </button>
          {revising && (
            <button
              type="button"
              onClick={() => {
                setRevising(undefined);
                setDraft(EMPTY);
                setRuleErrors({});
                reset();
              }}
            >
              {lang === 'zh' ? '取消修改' : 'Cancel'}
            </button>
          )}
        </div>
        <p role="status" className="success">
          {done}
        </p>
      </form>

      <section aria-labelledby="own-reports">
        <h2 id="own-reports">{lang === 'zh' ? `${unitName}的报告` : `${unitName}’s reports`}</h2>
        {reports.length === 0 ? (
          <p className="notice">{lang === 'zh' ? '暂无报告。' : 'No reports yet.'}</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="own-reports">
              <caption className="visually-hidden">{unitName}</caption>
              <thead>
                <tr>
                  <th scope="col">{lang === 'zh' ? '报告期' : 'Period'}</th>
                  <th scope="col">{lang === 'zh' ? '任务' : 'Task'}</th>
                  <th scope="col">{lang === 'zh' ? '状态' : 'Status'}</th>
                  <th scope="col">{lang === 'zh' ? '审核意见' : 'Reviewer’s note'}</th>
                  <th scope="col">
                    <span className="visually-hidden">{lang === 'zh' ? '操作' : 'Actions'}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...reports].reverse().map((r) => {
                  const task = tasks.find((x) => x.path === r.task);
                  const note = r.decisions.at(-1);
                  return (
                    <tr
                      key={r.id}
                      data-report={r.id}
                      data-task={r.task ?? ''}
                      data-period={r.period}
                      data-status={r.status}
                    >
                      <td>{r.period}</td>
                      <th scope="row">
                        {task
                          ? `${task.code} ${titleOf(lang, task)}`
                          : lang === 'zh'
                            ? '年度工作总结'
                            : 'Annual summary'}
                        {r.late && <span className="badge late">{lang === 'zh' ? '逾期' : 'late'}</span>}
                      </th>
                      <td>
                        <span className={`badge report-${r.status}`}>{STATUS_NAMES[r.status][lang]}</span>
                      </td>
                      <td>{note?.reason ?? note?.comment ?? '—'}</td>
                      <td>
                        {r.status === 'returned' && (
                          <button type="button" onClick={() => revise(r)}>
                            {lang === 'zh' ? '修改后重新提交' : 'Revise and resubmit'}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
