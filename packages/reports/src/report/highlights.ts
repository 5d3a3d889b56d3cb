import { defaultMark, type PlanIndex, type Scorecard, TARGET_STATUS_NAMES } from '@kepu/core';
import { estimateFootnotes } from '../estimate-text.js';
import { type Lang, t } from '../i18n.js';
import { listSeparator, named, titled } from '../internal/names.js';
import { measureOf } from './targets-table.js';

function targetLines(card: Scorecard, index: PlanIndex, lang: Lang): string[] {
  const achieved = card.targets.filter((e) => e.status === 'achieved').length;
  const noData = card.targets.filter((e) => e.status === 'no-data').length;
  const lines = [
    t(lang, {
      zh: `${card.targets.length} 项目标中 ${achieved} 项已达成；${noData} 项无数据。`,
      en: `${achieved} of ${card.targets.length} targets achieved; ${noData} without data.`,
    }),
  ];
  const behind = card.targets.filter((e) => e.status !== 'achieved' && e.status !== 'no-data');
  if (behind.length > 0) {
    lines.push(
      t(lang, {
        zh: `未达成：${behind.map((e) => `${index.targets.get(e.target)?.title ?? e.target}（${TARGET_STATUS_NAMES[e.status].zh}）`).join('；')}。`,
        en: `Not achieved: ${behind.map((e) => `${index.targets.get(e.target)?.titleEn ?? e.target} (${TARGET_STATUS_NAMES[e.status].en})`).join('; ')}.`,
      }),
    );
  }
  return lines;
}

function sheetLines(card: Scorecard, lang: Lang): string[] {
  const summaries = card.sheets.map((s) => {
    const graded = new Map<string, number>();
    for (const u of s.units) if (u.grade) graded.set(named(lang, u.grade), (graded.get(named(lang, u.grade)) ?? 0) + 1);
    const first = s.units.find((u) => u.rank === 1);
    const counts = [...graded]
      .map(([g, n]) => (lang === 'en' ? `${g} ${n}` : `${g} ${n} 个`))
      .join(listSeparator(lang));
    const notAssessed = s.units.filter((u) => !u.assessed).length;
    const bands = defaultMark(s, 'grades', lang) ? t(lang, { zh: '（默认等次）', en: ' (default bands)' }) : '';
    return t(lang, {
      zh: `${s.name}${bands}：${counts}${notAssessed ? `、未评估 ${notAssessed} 个` : ''}${first ? `；第一名 ${first.name}（${first.score?.toFixed(2)} 分）` : ''}。`,
      en: `${named(lang, s)}${bands}: ${counts}${notAssessed ? `, not assessed ${notAssessed}` : ''}${first ? `; first ${named(lang, first)} (${first.score?.toFixed(2)})` : ''}.`,
    });
  });
  const vetoes = card.sheets.flatMap((s) =>
    s.units
      .filter((u) => u.vetoed)
      .map((u) =>
        t(lang, {
          zh: `${u.name}：一票否决${defaultMark(s, 'vetoes', lang)}（${u.vetoes.map((v) => v.name).join('、')}），定为${u.grade?.name ?? '—'}。`,
          en: `${named(lang, u)}: vetoed${defaultMark(s, 'vetoes', lang)} (${u.vetoes.map((v) => v.veto).join(', ')}), graded ${u.grade ? named(lang, u.grade) : '—'}.`,
        }),
      ),
  );
  return [...summaries, ...vetoes];
}

/**
 * The lines a report leads with: targets achieved and without data, those not achieved, each
 * sheet's grade counts and first place, vetoes, the scorecard's notes, and a footnote per survey
 * estimate.
 */
export function reportHighlights(card: Scorecard, index: PlanIndex, lang: Lang): string[] {
  return [
    ...targetLines(card, index, lang),
    ...sheetLines(card, lang),
    ...card.notes.map((n) => t(lang, n.text)),
    ...estimateFootnotes(
      card.targets,
      (id) => {
        const target = index.targets.get(id);
        return target ? titled(lang, target) : id;
      },
      (id) => measureOf(index, id, lang),
      lang,
      index.units,
    ),
  ];
}
