import {
  type AssessmentScheme,
  defaultMark,
  defaultRulesNote,
  type SchemeRule,
  type SheetResult,
  type UnitScore,
} from '@kepu/core';
import { type Lang, t } from '../i18n.js';
import { columnsOf, named, WORDS } from '../internal/names.js';
import type { ReportColumn, ReportTable, ReportValue } from './report-model.js';

/** Names of a scheme's deductions and awards by `kind:id`, for notes. */
type SchemeNames = ReadonlyMap<string, { name: string; nameEn?: string | undefined }>;

/** The names a scheme gives its deductions and awards, so notes name them instead of showing ids. */
export function schemeNames(scheme: AssessmentScheme | undefined): SchemeNames {
  const out = new Map<string, { name: string; nameEn?: string | undefined }>();
  for (const sheet of scheme?.sheets ?? []) {
    for (const d of sheet.deductions) out.set(`deduction:${d.id}`, d);
    for (const a of sheet.bonus.awards) out.set(`award:${a.id}`, a);
  }
  return out;
}

function unitNotes(u: UnitScore, sheet: SheetResult, lang: Lang, names: SchemeNames): string {
  const mark = (rule: SchemeRule) => defaultMark(sheet, rule, lang);
  const nameOf = (kind: string, id: string) => {
    const found = names.get(`${kind}:${id}`);
    return found ? named(lang, found) : id;
  };
  const notes: string[] = [];
  if (u.vetoed) {
    notes.push(
      t(lang, {
        zh: `一票否决${mark('vetoes')}：${u.vetoes.map((v) => v.name).join('、')}`,
        en: `veto${mark('vetoes')}: ${u.vetoes.map((v) => v.veto).join(', ')}`,
      }),
    );
  }
  if (u.cappedFromTopGrade) {
    notes.push(
      t(lang, {
        zh: `优秀比例已满，顺延为下一等次${mark('topGradeCap')}`,
        en: `top-grade cap reached${mark('topGradeCap')}`,
      }),
    );
  }
  for (const line of u.deductions.lines) {
    notes.push(
      t(lang, {
        zh: `${nameOf('deduction', line.deduction)}${line.count > 1 ? ` ${line.count} 次` : ''}（−${line.points}）`,
        en: `${nameOf('deduction', line.deduction)}${line.count > 1 ? ` ×${line.count}` : ''} (−${line.points})`,
      }),
    );
  }
  for (const award of u.bonus.awards) {
    notes.push(
      t(lang, {
        zh: `${nameOf('award', award.award)}（+${award.points}）`,
        en: `${nameOf('award', award.award)} (+${award.points})`,
      }),
    );
  }
  const missing = u.items.filter((i) => i.status === 'not-assessed');
  if (missing.length > 0) {
    notes.push(
      t(lang, {
        zh: `${missing.length} 项无数据（${missing.map((i) => i.name).join('、')}）${mark('missing')}`,
        en: `${missing.length} item(s) without data${mark('missing')}`,
      }),
    );
  }
  if (!u.assessed) {
    notes.push(
      t(lang, {
        zh: `数据覆盖 ${(u.coverage * 100).toFixed(0)}%，不足以评分${mark('missing')}`,
        en: `coverage ${(u.coverage * 100).toFixed(0)}%: too little to score${mark('missing')}`,
      }),
    );
  }
  return notes.join(lang === 'en' ? '; ' : '；');
}

/** One score sheet's view (县直成员单位, 乡镇): its units by rank, each item group's points, notes. */
export function sheetTable(sheet: SheetResult, lang: Lang, names: SchemeNames): ReportTable {
  const id =
    sheet.sheet === 'department' ? 'departments' : sheet.sheet === 'township' ? 'townships' : `sheet-${sheet.sheet}`;
  const groups = sheet.units.find((u) => u.groups.length > 0)?.groups ?? [];
  const mark = (rule: SchemeRule) => defaultMark(sheet, rule, lang);
  const columns: ReportColumn[] = [
    ...columnsOf(lang, [
      ['rank', '名次', 'Rank', 'integer', WORDS.notAssessed],
      ['unit', '单位', 'Unit', 'text'],
      ['score', '得分', 'Score', 'score', WORDS.notAssessed],
      ['grade', `等次${mark('grades')}`, `Grade${mark('grades')}`, 'text', WORDS.notAssessed],
    ]),
    ...groups.map(
      (g): ReportColumn => ({ key: `group:${g.group}`, header: `${named(lang, g)}（${g.maxPoints}）`, kind: 'score' }),
    ),
    ...columnsOf(lang, [
      ['bonus', `奖励加分${mark('bonus')}`, `Bonus${mark('bonus')}`, 'score'],
      ['deductions', `扣分${mark('deductions')}`, `Deductions${mark('deductions')}`, 'score'],
      ['selfScore', '自评分', 'Self-score', 'score'],
      ['selfScoreAudited', '同项审定分', 'Audited (same items)', 'score'],
      ['notes', '说明', 'Notes', 'text'],
    ]),
  ];
  const rows = sheet.units.map((u) => {
    const row: Record<string, ReportValue> = {
      rank: u.rank,
      unit: named(lang, u),
      unitId: u.unit,
      score: u.score,
      grade: u.grade ? named(lang, u.grade) : null,
      bonus: u.assessed ? u.bonus.points : null,
      deductions: u.assessed ? u.deductions.points : null,
      selfScore: u.selfScore,
      selfScoreAudited: u.selfScoreAudited,
      coverage: u.coverage,
      vetoed: u.vetoed ? t(lang, WORDS.yes) : '',
      notes: unitNotes(u, sheet, lang, names),
    };
    for (const g of groups) row[`group:${g.group}`] = u.groups.find((x) => x.group === g.group)?.points ?? null;
    return row;
  });
  const note = defaultRulesNote(sheet, lang);
  return { id, title: named(lang, sheet), columns, rows, ...(note ? { note } : {}) };
}
