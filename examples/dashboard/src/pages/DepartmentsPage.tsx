import { PageHeading, RunAssessment, RunInfo, YearSelect } from '../components/common.js';
import { SheetView } from '../components/SheetView.js';
import { T, useLang, useT } from '../i18n.js';

export function DepartmentsPage({ year, onYear }: { year: string; onYear: (y: string) => void }) {
  const t = useT();
  const lang = useLang();
  return (
    <>
      <PageHeading>{t(T.departments)}</PageHeading>
      <p className="lead">
        {lang === 'zh'
          ? '县全民科学素质纲要实施工作领导小组成员单位的年度考核：组织领导、工作成效、保障措施三部分，满分 100 分，另有加分、扣分和一票否决。'
          : 'The annual assessment of the leading group’s member departments: organisation, results and safeguards (100 points), with bonus, deductions and vetoes.'}
      </p>
      <div className="toolbar">
        <YearSelect year={year} onYear={onYear} />
        <RunInfo year={year} />
      </div>
      <RunAssessment year={year} />
      <SheetView year={year} sheet="department" />
    </>
  );
}
