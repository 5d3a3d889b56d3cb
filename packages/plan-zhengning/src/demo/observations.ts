import type { ReportObservation } from '@kepu/core';
import type { Obligation } from './story.js';
import type { StoryContext } from './story-context.js';

/**
 * The figures a report carries for a year: the 县科协's summary carries the literacy survey (or
 * what the host's `literacy` option puts in its place), the finance bureau's the science funding,
 * a township's its Science China numbers; the lead of a measured task files that task's figures.
 * Every other report carries none. Draws nothing from the generator.
 */
export function observationsFor(story: StoryContext, year: number, o: Obligation): ReportObservation[] {
  const end = `${year}-12-31`;
  if (o.task === null) {
    if (o.unit === 'cast') {
      const s = story.county.literacy[year];
      const generated: ReportObservation[] = s
        ? [
            {
              target: 'literacy-rate-2025',
              numerator: s.numerator,
              denominator: s.denominator,
              date: `${year}-10-31`,
              note: `${year}年全县公民科学素质抽样调查（样本 ${s.denominator} 人）`,
            },
          ]
        : [];
      return story.literacy && generated[0] ? [story.literacy(year, generated[0])] : generated;
    }
    if (o.unit === 'finance') {
      const v = story.county.funding[year];
      return v === undefined
        ? []
        : [{ indicator: 'science-funding', value: v, note: '县级财政预算安排的科普经费（万元）' }];
    }
    const s = story.series.get(o.unit);
    if (!s) return [];
    return [
      {
        indicator: 'science-china-dissemination',
        value: s.dissemination[year] ?? 0,
        note: '本乡镇“科普中国”年传播量',
      },
      {
        indicator: 'science-china-registrations',
        value: s.registrations[year] ?? 0,
        date: end,
        note: '年末注册人数',
      },
    ];
  }
  if (o.task === '3.1.2' && o.unit === 'education') {
    const c = story.county.classes[year];
    if (!c) return [];
    return [
      { target: 'science-classes-grade-2', value: c.grade2, category: { 'grade-band': 'grade-2' } },
      { target: 'science-classes-grades-3-6', value: c.grades36, category: { 'grade-band': 'grades-3-6' } },
      { target: 'practice-classes-middle-school', value: c.middle, category: { 'grade-band': 'middle-school' } },
    ];
  }
  if (o.task === '3.1.5' && o.unit === 'education') {
    const t = story.county.tutors[year];
    return t
      ? [{ target: 'science-tutor-every-school', numerator: t.numerator, denominator: t.denominator, date: end }]
      : [];
  }
  if (o.task === '4.2.3' && o.unit === 'cast') {
    return [
      {
        indicator: 'science-china-dissemination',
        value: story.county.castItems[year] ?? 0,
        note: '县直单位及科协系统传播量',
      },
      {
        indicator: 'science-china-registrations',
        value: story.county.castRegistrations[year] ?? 0,
        date: end,
        note: '县直单位注册人数',
      },
    ];
  }
  if (o.task === '4.3.3' && o.unit === 'cast') {
    const b = story.county.bases[year] ?? { provincial: 0, city: 0, county: 0 };
    return (['provincial', 'city', 'county'] as const).map((level) => ({
      indicator: 'science-bases-created',
      category: { level },
      value: b[level],
    }));
  }
  return [];
}
