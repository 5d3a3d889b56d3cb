import type { StatedRole } from '../../responsibility-text.js';
import { splitUnitList } from '../../unit-directory.js';
import type { Para } from '../paragraphs.js';
import type { Block } from './outline.js';

/** A table of tasks and their units (重点任务分工表), by task code and by title. */
export interface TaskTable {
  /** The statement of the row for a task, matched by its code first, then by its title. */
  find(code: string, title: string): Block | undefined;
}

const key = (text: string) => text.normalize('NFKC').replace(/[\s()（）]/g, '');

/**
 * Reads a responsibility table printed after the plan (| 序号 | 重点任务 | 牵头单位 | 配合单位 |, or
 * the same with tabs): a header row names the columns; each row below it gives a task's code or
 * title and its leads and partners, with offsets in the row so every name keeps its span.
 */
export function readTaskTable(paras: readonly Para[]): TaskTable {
  const byCode = new Map<string, Block>();
  const byTitle = new Map<string, Block>();
  let columns: { code: number; title: number; lead: number; partner: number } | undefined;
  for (const para of paras) {
    if (para.kind !== 'row') {
      columns = undefined;
      continue;
    }
    const cells = cellsOf(para.text);
    const names = cells.map((c) => c.text);
    const lead = names.findIndex((t) => /牵头|责任单位|主责/.test(t));
    if (lead >= 0 && names.every((t) => t.length <= 12)) {
      columns = {
        code: names.findIndex((t) => /序号|编号/.test(t)),
        title: names.findIndex((t) => /任务|工作|事项|内容/.test(t)),
        lead,
        partner: names.findIndex((t) => /配合|参与|协同|协办/.test(t)),
      };
      continue;
    }
    if (!columns || cells.every((c) => /^[-:\s]*$/.test(c.text))) continue;
    const roles: StatedRole[] = [];
    for (const [role, at] of [
      ['lead', columns.lead],
      ['partner', columns.partner],
    ] as const) {
      const cell = cells[at];
      if (at < 0 || !cell || cell.text === '') continue;
      const { names: listed, openEnded } = splitUnitList(cell.text);
      roles.push({
        role,
        word: role === 'lead' ? '牵头单位' : '配合单位',
        names: listed.map((n) => ({ ...n, start: n.start + cell.start, end: n.end + cell.start })),
        openEnded,
        start: cell.start,
        end: cell.start + cell.text.length,
      });
    }
    if (roles.length === 0) continue;
    const block: Block = { kind: 'lines', entries: [{ para, roles }], afterItem: -1 };
    const code = cells[columns.code]?.text;
    const title = cells[columns.title]?.text;
    if (code) byCode.set(key(code), block);
    if (title) byTitle.set(key(title), block);
  }
  return {
    find: (code, title) => byCode.get(key(code)) ?? byTitle.get(key(title)),
  };
}

/** The cells of a row, trimmed, with where each starts in the row's text. */
function cellsOf(text: string): Array<{ text: string; start: number }> {
  const cells: Array<{ text: string; start: number }> = [];
  const re = /[^|\t]+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const lead = /^\s*/.exec(m[0])?.[0].length ?? 0;
    cells.push({ text: m[0].trim(), start: m.index + lead });
  }
  return cells;
}
