import type { CellProblem } from '@kepu/reports';
import { type Lang, t } from '../i18n.js';

/**
 * The most problems printed one per line; the rest are counted, so a file with a million bad
 * rows prints a screenful, not a million lines. `--json` lists them all.
 */
export const PRINTED_PROBLEMS = 50;

function problemLine(p: CellProblem, lang: Lang): string {
  const where =
    p.sheet === 'JSON'
      ? t(lang, { zh: `第 ${p.row} 项，字段“${p.column}”`, en: `item ${p.row}, field "${p.column}"` })
      : t(lang, {
          zh: `工作表“${p.sheet}”第 ${p.row} 行 ${p.column} 列（${p.header}）`,
          en: `sheet "${p.sheet}" row ${p.row} column ${p.column} (${p.header})`,
        });
  const shown = p.value.length > 80 ? `${p.value.slice(0, 80)}…` : p.value;
  const value = shown === '' ? '' : t(lang, { zh: `：“${shown}”`, en: `: "${shown}"` });
  return `  - ${where}${value} — ${t(lang, p.reason)}`;
}

/**
 * Bad cells one per line with their sheet, row, column and reason, at most `limit` of them, then
 * a line that counts the rest (另有 N 处问题).
 *
 * @example
 * ```ts
 * io.error(`${head}\n${problemLines(checked.problems, 'zh')}\n`);
 * ```
 */
export function problemLines(problems: readonly CellProblem[], lang: Lang, limit = PRINTED_PROBLEMS): string {
  const lines = problems.slice(0, limit).map((p) => problemLine(p, lang));
  const rest = problems.length - limit;
  if (rest > 0) {
    lines.push(
      t(lang, {
        zh: `  …另有 ${rest} 处问题未列出（加 --json 可列出全部）。`,
        en: `  …and ${rest} more problem(s) not listed (--json lists them all).`,
      }),
    );
  }
  return lines.join('\n');
}
