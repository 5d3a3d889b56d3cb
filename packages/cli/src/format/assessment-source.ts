import type { ReadAssessment } from '@kepu/reports';
import { type Lang, t } from '../i18n.js';

/**
 * What to tell the reader about where a scorecard read from a database came from.
 *
 * @example
 * ```ts
 * io.error(describeSource(read, 'zh'));
 * ```
 */
export function describeSource(read: ReadAssessment, lang: Lang): string {
  const run = read.run;
  switch (read.state) {
    case 'stored':
      return t(lang, {
        zh: `读取数据库中保存的第 ${run?.run} 次考核（${run?.ranAt.slice(0, 10)} 运行，数据未变）。\n`,
        en: `Read stored assessment run ${run?.run} (made ${run?.ranAt.slice(0, 10)}; the records have not changed since).\n`,
      });
    case 'saved':
      return t(lang, {
        zh: `已运行并保存第 ${run?.run} 次考核。\n`,
        en: `Ran and stored assessment run ${run?.run}.\n`,
      });
    case 'stale':
      return t(lang, {
        zh: `数据库中的第 ${run?.run} 次考核之后又有新数据：以下为按当前数据即时计算的结果（未保存；加 --save 保存）。\n`,
        en: `The records changed after stored run ${run?.run}: this scorecard was computed now (not stored; add --save to store it).\n`,
      });
    default:
      return t(lang, {
        zh: '数据库中没有该年度的考核记录：以下为按当前数据即时计算的结果（未保存；加 --save 保存）。\n',
        en: 'No assessment of this year is stored: this scorecard was computed from the records now (not stored; add --save to store it).\n',
      });
  }
}
