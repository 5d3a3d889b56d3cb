import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A small reader of the vendored seed text, written for the tests and independent of the plan
 * data: if `plan.ts` and this reader disagree, one of them misreads the document.
 */

/** The vendored seed, read relative to this file so the tests never depend on paths outside the package. */
export function readSeedText(): string {
  return readFileSync(fileURLToPath(new URL('../../source/zhengning-2022-2025.txt', import.meta.url)), 'utf8');
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const PART = /^([一二三四五六七八九十])、\s*(.+)$/;
const SECTION = /^[（(]\s*([一二三四五六七八九十])\s*[）)]\s*(.+)$/;
const ITEM = /^(\d+)\.\s*(.+)$/;
const LEADS = /^牵头部门\s*[:：]\s*(.+)$/;
const PARTNERS = /^配合部门\s*[:：]\s*(.+)$/;

/** A line that starts a paragraph of its own, whatever the line before it ends with. */
function startsBlock(line: string): boolean {
  return [PART, SECTION, ITEM, LEADS, PARTNERS, /^——/, /^抄送/].some((re) => re.test(line));
}

/** A paragraph ends at a sentence-final or introducing mark; anything else was broken by a page. */
function endsParagraph(line: string): boolean {
  return /[。：:！？]$/.test(line);
}

/**
 * The body of the plan (from 一、前言 to the end of 五) as paragraphs, with the page-break debris
 * removed: stray lines holding only "位" are dropped, and a paragraph a page break cut in two
 * (the line does not end a sentence, and the next one does not start a heading) is joined back.
 */
export function bodyParagraphs(seed: string): string[] {
  const lines = seed.split(/\r?\n/).map((l) => l.trim());
  const start = lines.indexOf('一、前言');
  const end = lines.findIndex((l) => l.startsWith('抄送'));
  if (start < 0 || end < 0) throw new Error('the seed text does not have the expected body');
  const out: string[] = [];
  let open = false;
  for (const line of lines.slice(start, end)) {
    if (line === '' || line === '位') continue;
    const last = out.length - 1;
    if (open && !startsBlock(line) && last >= 0) out[last] += line;
    else out.push(line);
    const current = out[out.length - 1] as string;
    open = !endsParagraph(current) && !PART.test(current) && !SECTION.test(current);
  }
  return out;
}

/** One numbered task as the seed prints it. */
export interface SeedTask {
  /** As printed, brackets normalised to full width: `三（一）2`. */
  code: string;
  path: string;
  /** The first sentence, without its full stop. */
  title: string;
  text: string;
  /** Names as printed: 县教育局 … */
  leads: string[];
  partners: string[];
  /** True when the responsibility lines are printed once after a later task of the section. */
  inherited: boolean;
}

/** One section of 三 or 四. */
export interface SeedSection {
  code: string;
  path: string;
  title: string;
  text: string;
  tasks: SeedTask[];
}

const splitNames = (list: string): string[] =>
  list
    .split(/[、，,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/**
 * Every section of parts 三 and 四 with its numbered tasks and the 牵头部门 / 配合部门 lines that
 * follow them. A task with no lines of its own takes the next lines printed in its section,
 * marked inherited (四（五）1 and 2).
 */
export function readSeedSections(seed: string): SeedSection[] {
  const sections: SeedSection[] = [];
  let part: { code: string; n: number } | undefined;
  let section: SeedSection | undefined;
  let waiting: SeedTask[] = [];
  for (const paragraph of bodyParagraphs(seed)) {
    const p = PART.exec(paragraph);
    if (p) {
      const code = p[1] as string;
      part = { code, n: NUMERALS.indexOf(code) + 1 };
      section = undefined;
      continue;
    }
    const inTaskPart = part !== undefined && (part.code === '三' || part.code === '四');
    if (!inTaskPart || !part) continue;
    const s = SECTION.exec(paragraph);
    if (s) {
      const code = s[1] as string;
      section = {
        code: `${part.code}（${code}）`,
        path: `${part.n}.${NUMERALS.indexOf(code) + 1}`,
        title: (s[2] as string).trim(),
        text: '',
        tasks: [],
      };
      sections.push(section);
      waiting = [];
      continue;
    }
    if (!section) continue;
    const item = ITEM.exec(paragraph);
    if (item) {
      const body = item[2] as string;
      const stop = body.indexOf('。');
      const task: SeedTask = {
        code: `${section.code}${item[1]}`,
        path: `${section.path}.${item[1]}`,
        title: stop < 0 ? body : body.slice(0, stop),
        text: body,
        leads: [],
        partners: [],
        inherited: false,
      };
      section.tasks.push(task);
      waiting.push(task);
      continue;
    }
    const leads = LEADS.exec(paragraph);
    if (leads) {
      const names = splitNames(leads[1] as string);
      waiting.forEach((task, i) => {
        task.leads = names;
        task.inherited = i < waiting.length - 1;
      });
      continue;
    }
    const partners = PARTNERS.exec(paragraph);
    if (partners) {
      const names = splitNames(partners[1] as string);
      for (const task of waiting) task.partners = names;
      waiting = [];
      continue;
    }
    if (section.tasks.length === 0) section.text = section.text === '' ? paragraph : `${section.text}\n${paragraph}`;
  }
  return sections;
}
