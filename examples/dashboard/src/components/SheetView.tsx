import { gradeDistributionOption, groupComparisonOption, rankingOption } from '@kepu/charts';
import { defaultMark, defaultRulesNote, type SchemeRule, type SheetResult, type UnitScore } from '@kepu/core';
import { zhengningScheme } from '@kepu/plan-zhengning';
import { useScorecard } from '@kepu/react';
import { useMemo } from 'react';
import { formatNumber, formatPercent, nameOf, T, useLang, useT } from '../i18n.js';
import { EChart } from './EChart.js';

/** One sheet of the latest scorecard of a year: ranking, charts, and every unit's breakdown. */
export function SheetView({
  year,
  sheet,
  comparison,
}: {
  year: string;
  sheet: 'department' | 'township';
  comparison?: boolean;
}) {
  const t = useT();
  const lang = useLang();
  const view = useScorecard({ period: year });
  const result = view?.scorecard.sheets.find((s) => s.sheet === sheet);
  const options = useMemo(() => {
    if (!view || !result) return undefined;
    const common = { sheet, scheme: zhengningScheme, lang, title: false as const };
    return {
      ranking: rankingOption(view.scorecard, common),
      grades: gradeDistributionOption(view.scorecard, common),
      groups: comparison ? groupComparisonOption(view.scorecard, common) : undefined,
    };
  }, [view, result, sheet, lang, comparison]);
  if (!view || !result || !options) return <p className="notice">{t(T.noScorecard)}</p>;
  const sheetName = nameOf(lang, result);
  const rankingHeight = Math.max(280, 34 * result.units.length + 60);

  return (
    <>
      <section aria-labelledby={`${sheet}-ranking`}>
        <h2 id={`${sheet}-ranking`}>{lang === 'zh' ? `${sheetName}排名` : `${sheetName}: ranking`}</h2>
        <DefaultRulesNote sheet={result} />
        <div className="chart-row">
          <figure className="card wide">
            <figcaption>{lang === 'zh' ? '得分与等次' : 'Score and grade'}</figcaption>
            <EChart
              option={options.ranking}
              label={`${sheetName} · ${lang === 'zh' ? '排名' : 'ranking'}`}
              height={rankingHeight}
              testId="ranking-chart"
            />
          </figure>
          <figure className="card">
            <figcaption>{lang === 'zh' ? '等次分布' : 'Grades'}</figcaption>
            <EChart
              option={options.grades}
              label={`${sheetName} · ${lang === 'zh' ? '等次分布' : 'grade distribution'}`}
              height={280}
              testId="grade-chart"
            />
          </figure>
        </div>
        {options.groups && (
          <figure className="card">
            <figcaption>{lang === 'zh' ? '分项得分对比' : 'Points by group'}</figcaption>
            <EChart
              option={options.groups}
              label={`${sheetName} · ${lang === 'zh' ? '分项得分对比' : 'points by group'}`}
              height={rankingHeight}
              testId="comparison-chart"
            />
          </figure>
        )}
      </section>

      <section aria-labelledby={`${sheet}-table`}>
        <h2 id={`${sheet}-table`}>{lang === 'zh' ? '得分明细' : 'Scores in detail'}</h2>
        <div className="table-wrap">
          <table className="scores" data-testid={`${sheet}-scores`}>
            <caption className="visually-hidden">{sheetName}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {lang === 'zh' ? '名次' : 'Rank'}
                </th>
                <th scope="col">{lang === 'zh' ? '单位' : 'Unit'}</th>
                <th scope="col" className="num">
                  {lang === 'zh' ? '得分' : 'Score'}
                </th>
                <th scope="col">
                  {lang === 'zh' ? '等次' : 'Grade'}
                  {defaultMark(result, 'grades', lang)}
                </th>
                <th scope="col" className="num">
                  {lang === 'zh' ? '自评分' : 'Self-score'}
                </th>
                <th scope="col" className="num">
                  {lang === 'zh' ? '数据覆盖' : 'Coverage'}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.units.map((u) => (
                <tr key={u.unit} data-unit={u.unit}>
                  <td className="num">{u.rank ?? '—'}</td>
                  <th scope="row">{nameOf(lang, u)}</th>
                  <td className="num score">{formatNumber(lang, u.score, 2)}</td>
                  <td>
                    {u.vetoed ? (
                      <span className="badge veto">
                        {lang === 'zh' ? '一票否决' : 'vetoed'}
                        {defaultMark(result, 'vetoes', lang)}
                      </span>
                    ) : u.grade ? (
                      <span className={`badge grade-${u.grade.id}`}>{nameOf(lang, u.grade)}</span>
                    ) : (
                      <span className="badge status-no-data">{lang === 'zh' ? '未评估' : 'not assessed'}</span>
                    )}
                  </td>
                  <td className="num">{formatNumber(lang, u.selfScore, 1)}</td>
                  <td className="num">{formatPercent(lang, u.coverage)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="breakdowns">
          {result.units.map((u) => (
            <Breakdown key={u.unit} unit={u} sheet={result} />
          ))}
        </div>
      </section>
    </>
  );
}

/** The scheme's names of a sheet's awards and deductions, by id. */
function namesOf(sheetId: string, lang: 'zh' | 'en'): Map<string, string> {
  const sheet = zhengningScheme.sheets.find((s) => s.id === sheetId);
  const named = [...(sheet?.bonus?.awards ?? []), ...(sheet?.deductions ?? [])];
  return new Map(named.map((x) => [x.id, nameOf(lang, x)]));
}

/**
 * Which of a sheet's rules are Kepu's defaults, not the plan's or the county's (nothing when none
 * is), so no official reads a default band, cap or veto as a rule of the plan.
 */
export function DefaultRulesNote({ sheet }: { sheet: SheetResult }) {
  const lang = useLang();
  const note = defaultRulesNote(sheet, lang);
  return note ? (
    <p className="notice default-rules" data-testid="default-rules">
      {note}
    </p>
  ) : null;
}

/** One unit's breakdown: its items, bonus, deductions and vetoes, each default rule marked. */
export function Breakdown({ unit, sheet }: { unit: UnitScore; sheet: SheetResult }) {
  const lang = useLang();
  const names = namesOf(unit.sheet, lang);
  const mark = (rule: SchemeRule) => defaultMark(sheet, rule, lang);
  return (
    <details className="breakdown" data-unit={unit.unit}>
      <summary>
        {nameOf(lang, unit)} · {formatNumber(lang, unit.score, 2)}
        {lang === 'zh' ? ' 分 · 查看评分依据' : ' points · how it was scored'}
      </summary>
      <p className="explain">{unit.explanations.score.text[lang]}</p>
      {unit.explanations.grade && <p className="explain">{unit.explanations.grade.text[lang]}</p>}
      {unit.vetoes.length > 0 && (
        <ul className="vetoes">
          {unit.vetoes.map((v) => (
            <li key={v.veto}>
              {lang === 'zh' ? `一票否决${mark('vetoes')}：` : `Veto${mark('vetoes')}: `}
              {v.name}
              {v.note ? `（${v.note}）` : ''}
            </li>
          ))}
        </ul>
      )}
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{nameOf(lang, unit)}</caption>
          <thead>
            <tr>
              <th scope="col">{lang === 'zh' ? '考核项' : 'Item'}</th>
              <th scope="col" className="num">
                {lang === 'zh' ? '满分' : 'Max'}
              </th>
              <th scope="col" className="num">
                {lang === 'zh' ? '得分' : 'Points'}
              </th>
              <th scope="col">{lang === 'zh' ? '计分依据' : 'Explanation'}</th>
            </tr>
          </thead>
          <tbody>
            {unit.items.map((item) => (
              <tr key={item.item}>
                <th scope="row">{nameOf(lang, item)}</th>
                <td className="num">{formatNumber(lang, item.maxPoints, 2)}</td>
                <td className="num">
                  {item.status === 'not-assessed' && item.points === null ? (
                    <span className="missing">{lang === 'zh' ? '无数据' : 'no data'}</span>
                  ) : (
                    formatNumber(lang, item.points, 2)
                  )}
                </td>
                <td className="explain">{item.explanation.text[lang]}</td>
              </tr>
            ))}
            {unit.bonus.points > 0 && (
              <tr>
                <th scope="row">
                  {lang === 'zh' ? '加分（表彰奖励）' : 'Bonus (awards)'}
                  {mark('bonus')}
                </th>
                <td className="num">{formatNumber(lang, unit.bonus.cap)}</td>
                <td className="num">+{formatNumber(lang, unit.bonus.points, 2)}</td>
                <td className="explain">
                  {unit.bonus.awards.map((a) => `${names.get(a.award) ?? a.award} ×${a.count}`).join('；')}
                </td>
              </tr>
            )}
            {unit.deductions.lines.map((d) => (
              <tr key={d.deduction}>
                <th scope="row">
                  {lang === 'zh' ? `扣分${mark('deductions')}：` : `Deduction${mark('deductions')}: `}
                  {names.get(d.deduction) ?? d.deduction}
                </th>
                <td className="num">—</td>
                <td className="num">−{formatNumber(lang, d.points, 2)}</td>
                <td className="explain">{d.formula}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
