import { PageHeading, YearBar } from '../components/common.js';
import { SheetView } from '../components/SheetView.js';
import { type Bilingual, T, useLang, useT } from '../i18n.js';

interface YearProps {
  readonly year: string;
  readonly onYear: (year: string) => void;
}

/** One score sheet of the year's assessment: heading, what it assesses, the year bar and the sheet. */
function SheetPage({
  heading,
  lead,
  sheet,
  comparison = false,
  year,
  onYear,
}: YearProps & { heading: Bilingual; lead: Bilingual; sheet: 'department' | 'township'; comparison?: boolean }) {
  const t = useT();
  const lang = useLang();
  return (
    <>
      <PageHeading>{t(heading)}</PageHeading>
      <p className="lead">{lead[lang]}</p>
      <YearBar year={year} onYear={onYear} />
      <SheetView year={year} sheet={sheet} comparison={comparison} />
    </>
  );
}

const DEPARTMENTS_LEAD: Bilingual = {
  zh: '县全民科学素质纲要实施工作领导小组成员单位的年度考核：组织领导、工作成效、保障措施三部分，满分 100 分，另有加分、扣分和一票否决。',
  en: 'The annual assessment of the leading group’s member departments: organisation, results and safeguards (100 points), with bonus, deductions and vetoes.',
};

const TOWNSHIPS_LEAD: Bilingual = {
  zh: '各乡镇的年度考核与横向对比：按组织领导、工作成效、保障措施分项比较，找出需要帮扶的乡镇。',
  en: 'Townships compared, group by group: which township needs help.',
};

export function DepartmentsPage(props: YearProps) {
  return <SheetPage heading={T.departments} lead={DEPARTMENTS_LEAD} sheet="department" {...props} />;
}

export function TownshipsPage(props: YearProps) {
  return <SheetPage heading={T.townships} lead={TOWNSHIPS_LEAD} sheet="township" comparison {...props} />;
}
