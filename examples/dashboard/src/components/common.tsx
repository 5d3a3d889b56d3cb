import { type KepuIssue, TARGET_STATUS_NAMES, type TargetStatus } from '@kepu/core';
import { useActor, useCommand, useScorecard } from '@kepu/react';
import { useId } from 'react';
import { fill, type Lang, T, useLang, useT } from '../i18n.js';

export const PERIODS = ['2022', '2023', '2024', '2025'] as const;

export function PageHeading({ children }: { children: string }) {
  return (
    <h1 tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

export function YearSelect({ year, onYear }: { year: string; onYear: (year: string) => void }) {
  const t = useT();
  const id = useId();
  return (
    <div className="field inline">
      <label htmlFor={id}>{t(T.period)}</label>
      <select id={id} value={year} onChange={(e) => onYear(e.target.value)}>
        {PERIODS.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The year picker, the stored run it shows, and the button that runs the year's assessment. */
export function YearBar({ year, onYear }: { year: string; onYear: (year: string) => void }) {
  return (
    <>
      <div className="toolbar">
        <YearSelect year={year} onYear={onYear} />
        <RunInfo year={year} />
      </div>
      <RunAssessment year={year} />
    </>
  );
}

export function StatusBadge({ status }: { status: TargetStatus }) {
  const lang = useLang();
  return <span className={`badge status-${status}`}>{TARGET_STATUS_NAMES[status][lang]}</span>;
}

/**
 * A friendlier text for the schema's two most common refusals (a required text left empty, a
 * negative figure); every other issue, the observation rules' included, shows its own zh/en
 * message, so the form and the engine say the same thing.
 */
export function issueText(issue: KepuIssue, lang: Lang): string {
  const detail = typeof issue.params?.detail === 'string' ? issue.params.detail : '';
  if (issue.code === 'invalid-shape') {
    if (/too_small/.test(detail) && /string/.test(detail)) {
      return lang === 'zh' ? '此项必填，请填写内容。' : 'This field is required.';
    }
    if (/too_small/.test(detail) && /number/.test(detail)) {
      return lang === 'zh' ? '数值不能小于 0。' : 'The value cannot be below 0.';
    }
  }
  return issue.message[lang];
}

/** Errors that belong to no field, announced when they appear. */
export function FormErrors({ issues, id }: { issues: readonly KepuIssue[]; id?: string }) {
  const lang = useLang();
  if (issues.length === 0) return null;
  return (
    <div className="form-errors" role="alert" id={id}>
      <ul>
        {issues.map((issue, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: issues have no id and never reorder
          <li key={i}>{issueText(issue, lang)}</li>
        ))}
      </ul>
    </div>
  );
}

/** A field's errors, referenced by the input's aria-describedby. */
export function FieldError({ id, issues }: { id: string; issues: readonly KepuIssue[] | undefined }) {
  const lang = useLang();
  return (
    <p id={id} className="field-error" hidden={!issues || issues.length === 0}>
      {issues?.map((i) => issueText(i, lang)).join(' ')}
    </p>
  );
}

/** A labelled text area with its errors (`{id}-error`), for the forms' free-text fields. */
export function TextArea({
  id,
  label,
  rows,
  value,
  onChange,
  issues,
}: {
  id: string;
  label: string;
  rows: number;
  value: string;
  onChange: (value: string) => void;
  issues: readonly KepuIssue[] | undefined;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={issues ? true : undefined}
        aria-describedby={`${id}-error`}
      />
      <FieldError id={`${id}-error`} issues={issues} />
    </>
  );
}

/** Runs the year's assessment as the assessment group; tells everyone else who may. */
export function RunAssessment({ year }: { year: string }) {
  const t = useT();
  const lang = useLang();
  const actor = useActor();
  const view = useScorecard({ period: year });
  const { execute, pending, formErrors, errors, result } = useCommand();
  const allIssues = [...formErrors, ...Object.values(errors).flat()];
  if (actor?.role !== 'assessor') {
    return (
      <p className="hint run-hint">
        {lang === 'zh'
          ? '切换为“督查考核组”身份后可重新运行年度考核。'
          : 'Switch to the assessment group to run the assessment again.'}
      </p>
    );
  }
  return (
    <div className="run-assessment">
      <button
        type="button"
        className="primary"
        disabled={pending}
        aria-describedby="run-hint"
        onClick={() => void execute({ type: 'run-assessment', period: year })}
      >
        {t(T.runAssessment)} · {year}
      </button>
      <p id="run-hint" className="hint">
        {t(T.runAssessmentHint)}
      </p>
      <p role="status" className="run-status">
        {pending
          ? t(T.loading)
          : result && view
            ? `${t(T.assessmentDone)}：${fill(t(T.runNumber), { n: view.run.run })}`
            : ''}
      </p>
      <FormErrors issues={allIssues} />
    </div>
  );
}

export function RunInfo({ year }: { year: string }) {
  const t = useT();
  const lang = useLang();
  const view = useScorecard({ period: year });
  if (!view) return <p className="notice">{t(T.noScorecard)}</p>;
  const ranAt = new Date(view.run.ranAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
  });
  return (
    <p className="run-info" data-testid="run-info">
      {fill(t(T.runNumber), { n: view.run.run })} · {t(T.ranAt)} {ranAt} · {t(T.scheme)}：
      {lang === 'zh' ? view.scorecard.scheme.name : view.scorecard.scheme.id} ({view.scorecard.scheme.version})
    </p>
  );
}
