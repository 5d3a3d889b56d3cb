import { type Plan, type ProgressReport, publishedValueText } from '@kepu/core';
import { useActor, useCommand, usePlan, useReviewQueue } from '@kepu/react';
import { useId, useState } from 'react';
import { FormErrors, PageHeading, TextArea } from '../components/common.js';
import { formatNumber, nameOf, T, titleOf, useLang, useT } from '../i18n.js';

export function ReviewPage() {
  const t = useT();
  const lang = useLang();
  const actor = useActor();
  const plan = usePlan();
  const queue = useReviewQueue();
  const canReview = actor?.role === 'lead-reviewer' || actor?.role === 'plan-office';
  const unit = plan.orgUnits.find((u) => u.id === actor?.unit);

  return (
    <>
      <PageHeading>{t(T.review)}</PageHeading>
      {!canReview ? (
        <p className="notice">
          {lang === 'zh'
            ? '报告由牵头单位的审核员审核（年度总结由县科协纲要办审核）。请在页面顶部把“当前身份”切换为某个部门的审核员。'
            : 'Reports are reviewed by the lead unit’s reviewer (annual summaries by the plan office). Switch “Acting as” to a department’s reviewer.'}
        </p>
      ) : (
        <>
          <p className="lead">
            {actor.role === 'plan-office'
              ? lang === 'zh'
                ? '县科协纲要办：所有待审核的报告。'
                : 'Plan office: every report awaiting review.'
              : lang === 'zh'
                ? `${unit ? nameOf(lang, unit) : ''}牵头任务的待审核报告。本人提交的报告不会出现在这里。`
                : `Reports on tasks ${unit ? nameOf(lang, unit) : ''} leads. Reports you submitted never appear here.`}
          </p>
          <p role="status" className="queue-count">
            {lang === 'zh' ? `待审核 ${queue.length} 份` : `${queue.length} awaiting review`}
          </p>
          <ul className="queue">
            {queue.map((report) => (
              <li key={report.id}>
                <ReviewCard report={report} plan={plan} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function ReviewCard({ report, plan }: { report: ProgressReport; plan: Plan }) {
  const lang = useLang();
  const headingId = useId();
  const reasonId = useId();
  const commentId = useId();
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const { execute, errors, formErrors, pending } = useCommand({ fields: ['reason', 'comment'] });
  const task = plan.parts.flatMap((p) => p.sections.flatMap((s) => s.tasks)).find((x) => x.path === report.task);
  const unit = plan.orgUnits.find((u) => u.id === report.unit);
  const revision = report.revisions.at(-1);
  const targetTitle = (id: string | undefined) => {
    const target = plan.targets.find((x) => x.id === id);
    return target ? titleOf(lang, target) : (id ?? '');
  };
  // The unit a target's or an indicator's figure is in ('%' for a rate), for a published figure.
  const unitOf = (id: string | undefined) => {
    const indicator = plan.targets.find((x) => x.id === id)?.indicator ?? id;
    return plan.indicators.find((i) => i.id === indicator)?.unit ?? '';
  };
  const submittedAt = revision
    ? new Date(revision.submittedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai' })
    : '';

  return (
    <article
      className="card review-card"
      aria-labelledby={headingId}
      data-report={report.id}
      data-task={report.task ?? ''}
    >
      <h2 id={headingId}>
        {task ? `${task.code} ${titleOf(lang, task)}` : lang === 'zh' ? '年度工作总结' : 'Annual summary'}
      </h2>
      <p className="meta">
        {unit ? nameOf(lang, unit) : report.unit} · {report.period} ·{' '}
        {lang === 'zh' ? `第 ${revision?.revision ?? 1} 稿` : `revision ${revision?.revision ?? 1}`} · {submittedAt}
        {report.late && <span className="badge late">{lang === 'zh' ? '逾期' : 'late'}</span>}
      </p>
      <p className="narrative">{revision?.narrative}</p>
      {revision && revision.observations.length > 0 && (
        <ul className="observations">
          {revision.observations.map((o, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a revision's observations never change
            <li key={i}>
              {targetTitle(o.target ?? o.indicator)}：
              {o.value !== undefined
                ? formatNumber(lang, o.value, 2)
                : `${formatNumber(lang, o.numerator)} / ${formatNumber(lang, o.denominator)}`}
              {o.published && ` ${publishedValueText(o.published, unitOf(o.target ?? o.indicator))[lang]}`}
            </li>
          ))}
        </ul>
      )}
      {revision && revision.evidence.length > 0 && (
        <p className="evidence">
          {lang === 'zh' ? '佐证材料：' : 'Evidence: '}
          {revision.evidence.map((f) => `${f.name}（${Math.ceil(f.size / 1024)} KB）`).join('、')}
        </p>
      )}
      {report.decisions.length > 0 && (
        <details>
          <summary>{lang === 'zh' ? '审核记录' : 'History'}</summary>
          <ul>
            {report.decisions.map((d, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: decisions are only ever appended
              <li key={i}>
                {d.at.slice(0, 10)} {d.by}：{d.action} {d.reason ?? d.comment ?? ''}
              </li>
            ))}
          </ul>
        </details>
      )}
      <FormErrors issues={formErrors} />
      <div className="review-actions">
        <div className="field">
          <TextArea
            id={reasonId}
            label={lang === 'zh' ? '退回原因' : 'Reason for return'}
            rows={2}
            value={reason}
            onChange={setReason}
            issues={errors.reason}
          />
          <button
            type="button"
            disabled={pending}
            onClick={() =>
              void execute({ type: 'return-report', report: report.id, reason, baseVersion: report.version })
            }
          >
            {lang === 'zh' ? '退回修改' : 'Return for revision'}
          </button>
        </div>
        <div className="field">
          <TextArea
            id={commentId}
            label={lang === 'zh' ? '审核意见（可选）' : 'Comment (optional)'}
            rows={2}
            value={comment}
            onChange={setComment}
            issues={errors.comment}
          />
          <button
            type="button"
            className="primary"
            disabled={pending}
            onClick={() =>
              void execute({
                type: 'approve-report',
                report: report.id,
                baseVersion: report.version,
                ...(comment.trim() ? { comment } : {}),
              })
            }
          >
            {lang === 'zh' ? '审核通过' : 'Approve'}
          </button>
        </div>
      </div>
    </article>
  );
}
