import { PageHeading, RunAssessment, RunInfo, YearSelect } from '../components/common.js';
import { SheetView } from '../components/SheetView.js';
import { T, useLang, useT } from '../i18n.js';

export function TownshipsPage({ year, onYear }: { year: string; onYear: (y: string) => void }) {
  const t = useT();
  const lang = useLang();
  return (
    <>
      <PageHeading>{t(T.townships)}</PageHeading>
      <p className="lead">
        {lang === 'zh'
          ? '各乡镇的年度考核与横向对比：按组织领导、工作成效、保障措施分项比较，找出需要帮扶的乡镇。'
          : 'Townships compared, group by group: which township needs help.'}
      </p>
      <div className="toolbar">
        <YearSelect year={year} onYear={onYear} />
        <RunInfo year={year} />
      </div>
      <RunAssessment year={year} />
      <SheetView year={year} sheet="township" comparison />
    </>
  );
}
