import { targetTrajectoryOption } from '@kepu/charts';
import { publishedValueText, TARGET_STATUSES, type TargetEvaluation, type TargetStatus } from '@kepu/core';
import { usePlan, useReports, useScorecard } from '@kepu/react';
import { useMemo } from 'react';
import { PageHeading, StatusBadge, YearBar } from '../components/common.js';
import { EChart } from '../components/EChart.js';
import { formatNumber, T, titleOf, useLang, useT } from '../i18n.js';

export function OverviewPage({ year, onYear }: { year: string; onYear: (y: string) => void }) {
  const t = useT();
  const lang = useLang();
  const plan = usePlan();
  const view = useScorecard({ period: year });
  const reports = useReports({ period: year }, { actor: null });
  const targets = view?.scorecard.targets ?? [];
  const counts = useMemo(() => {
    const by = new Map<TargetStatus, number>();
    for (const e of targets) by.set(e.status, (by.get(e.status) ?? 0) + 1);
    return by;
  }, [targets]);
  const reportCounts = useMemo(() => {
    const by = { submitted: 0, returned: 0, approved: 0, withdrawn: 0, late: 0 };
    for (const r of reports) {
      by[r.status]++;
      if (r.late) by.late++;
    }
    return by;
  }, [reports]);
  const titleOfTarget = (id: string) => {
    const target = plan.targets.find((x) => x.id === id);
    return target ? titleOf(lang, target) : id;
  };
  // A figure published by someone else (a province's survey rate) says so, with its source.
  const publishedOf = (e: TargetEvaluation) => {
    if (!e.published) return null;
    const indicator = plan.indicators.find((i) => i.id === plan.targets.find((x) => x.id === e.target)?.indicator);
    return publishedValueText(e.published, indicator?.unit ?? '')[lang];
  };

  return (
    <>
      <PageHeading>{t(T.overview)}</PageHeading>
      <p className="lead">
        {titleOf(lang, plan.meta)}
        {lang === 'zh'
          ? '：各项目标进展、趋势预测与报告情况。'
          : ': where each target stands, forecasts, and reporting.'}
      </p>
      <YearBar year={year} onYear={onYear} />

      <section aria-labelledby="status-summary">
        <h2 id="status-summary">{lang === 'zh' ? '目标状态' : 'Target status'}</h2>
        <dl className="stat-grid">
          {TARGET_STATUSES.filter((s) => counts.has(s)).map((s) => (
            <div key={s} className="stat">
              <dt>
                <StatusBadge status={s} />
              </dt>
              <dd>{counts.get(s)}</dd>
            </div>
          ))}
          <div className="stat">
            <dt>{lang === 'zh' ? '已审核通过的报告' : 'Reports approved'}</dt>
            <dd>{reportCounts.approved}</dd>
          </div>
          <div className="stat">
            <dt>{lang === 'zh' ? '待审核' : 'Awaiting review'}</dt>
            <dd>{reportCounts.submitted}</dd>
          </div>
          <div className="stat">
            <dt>{lang === 'zh' ? '退回待修改' : 'Returned'}</dt>
            <dd>{reportCounts.returned}</dd>
          </div>
          <div className="stat">
            <dt>{lang === 'zh' ? '逾期报送' : 'Filed late'}</dt>
            <dd>{reportCounts.late}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="targets-heading">
        <h2 id="targets-heading">{lang === 'zh' ? '目标进展与预测' : 'Targets and forecasts'}</h2>
        {targets.length === 0 ? (
          <p className="notice">{t(T.noScorecard)}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">
                {lang === 'zh' ? `${year}年各目标进展` : `Targets in ${year}`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{lang === 'zh' ? '目标' : 'Target'}</th>
                  <th scope="col">{lang === 'zh' ? '要求' : 'Requirement'}</th>
                  <th scope="col" className="num">
                    {lang === 'zh' ? '当前值' : 'Value'}
                  </th>
                  <th scope="col">{lang === 'zh' ? '状态' : 'Status'}</th>
                  <th scope="col">{lang === 'zh' ? '预测' : 'Forecast'}</th>
                </tr>
              </thead>
              <tbody>
                {targets.map((e) => (
                  <tr key={e.target}>
                    <th scope="row">{titleOfTarget(e.target)}</th>
                    <td>{e.requirement}</td>
                    <td className="num">
                      {formatNumber(lang, e.value, 2)}
                      {e.published && <span className="published"> {publishedOf(e)}</span>}
                    </td>
                    <td>
                      <StatusBadge status={e.status} />
                    </td>
                    <td>
                      {e.forecast ? (
                        <>
                          {lang === 'zh'
                            ? `预计 ${e.forecast.year} 年 ${formatNumber(lang, e.forecast.value, 2)}，${e.forecast.meets ? '可达标' : '难以达标'}`
                            : `${formatNumber(lang, e.forecast.value, 2)} expected in ${e.forecast.year}: ${e.forecast.meets ? 'meets' : 'misses'} the target`}
                          <span className="explain block">{e.forecast.explanation.text[lang]}</span>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {targets.length > 0 && (
        <section aria-labelledby="trajectories-heading">
          <h2 id="trajectories-heading">{lang === 'zh' ? '目标轨迹' : 'Target trajectories'}</h2>
          <div className="chart-grid">
            {targets
              .filter((e) => e.kind === 'quantitative')
              .map((e) => (
                <Trajectory key={e.target} evaluation={e} title={titleOfTarget(e.target)} />
              ))}
          </div>
        </section>
      )}
    </>
  );
}

function Trajectory({ evaluation, title }: { evaluation: TargetEvaluation; title: string }) {
  const lang = useLang();
  const plan = usePlan();
  const option = useMemo(
    () => targetTrajectoryOption(plan, evaluation, { lang, title: false }),
    [plan, evaluation, lang],
  );
  return (
    <figure className="card">
      <figcaption>
        <span>{title}</span> <StatusBadge status={evaluation.status} />
      </figcaption>
      <EChart
        option={option}
        label={`${title}：${evaluation.explanations.status.text[lang]}`}
        height={260}
        testId="trajectory-chart"
      />
      <p className="explain">{evaluation.explanations.status.text[lang]}</p>
    </figure>
  );
}
