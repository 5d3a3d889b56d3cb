/**
 * Writes the Zhengning seed re-typeset in the house styles other plans are published in, as the
 * `seed-*.txt` files of this corpus:
 *
 *   pnpm exec tsx packages/importer/test/corpus/restyle-seed.ts
 *
 * A style changes only how the plan is printed, never what it says: every file must import to the
 * seed's 33 tasks with the same titles, leads and partners (corpus.test.ts checks it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const seed = readFileSync(
  fileURLToPath(new URL('../../../plan-zhengning/source/zhengning-2022-2025.txt', import.meta.url)),
  'utf8',
);

interface Roles {
  lead: string;
  partner: string;
}
interface Item {
  head: string;
  body: string[];
  roles?: Roles;
  /** Lines after the roles (the seed's page-break debris). */
  after: string[];
}
interface Section {
  head: string;
  text: string[];
  items: Item[];
  /** Lines after the last item covering every item without its own (四（五）). */
  shared?: Roles;
}
interface Part {
  head: string;
  text: string[];
  sections: Section[];
}

// --- the seed as a model ---------------------------------------------------------------------------
const all = seed
  .split('\n')
  .map((t) => t.trim())
  .filter((t) => t !== '');
const firstPart = all.findIndex((t) => /^[一二三四五六七八九十]+、/.test(t));
const footerAt = all.findIndex((t) => /^抄送/.test(t));
const front = all.slice(0, firstPart);
const footer = all.slice(footerAt);
const parts: Part[] = [];
for (let i = firstPart; i < footerAt; i++) {
  const t = all[i] as string;
  const part = parts[parts.length - 1];
  const section = part?.sections[part.sections.length - 1];
  const item = section?.items[section.items.length - 1];
  if (/^[一二三四五六七八九十]+、/.test(t)) parts.push({ head: t, text: [], sections: [] });
  else if (/^[（(]\s*[一二三四五六七八九十]+\s*[）)]/.test(t))
    part?.sections.push({ head: t.replace(/^\(\s*(\S)\s*\)\s*/, '（$1）'), text: [], items: [] });
  else if (/^\d+\.\s/.test(t) && section) section.items.push({ head: t, body: [], after: [] });
  else if (/^牵头部门/.test(t) && item) {
    const partner = (all[++i] as string).replace(/^配合部门\s*[:：]\s*/, '');
    item.roles = { lead: t.replace(/^牵头部门\s*[:：]\s*/, ''), partner };
  } else if (item?.roles) item.after.push(t);
  else if (item) item.body.push(t);
  else if (section) section.text.push(t);
  else part?.text.push(t);
}
for (const part of parts) {
  for (const s of part.sections) {
    const last = s.items[s.items.length - 1];
    if (last?.roles && s.items.some((x) => !x.roles)) {
      s.shared = last.roles;
      delete last.roles;
    }
  }
}

// --- printing ---------------------------------------------------------------------------------------
const CN = '〇一二三四五六七八九十';
const numeral = (head: string) => /^[（(]?\s*([一二三四五六七八九十]+|\d+)/.exec(head)?.[1] as string;
const rest = (head: string) =>
  head.replace(/^(?:[一二三四五六七八九十]+、|[（(]\s*[一二三四五六七八九十]+\s*[）)]\s*|\d+\.\s*)/, '');
const cn = (n: number) => (n <= 10 ? (CN[n] as string) : `十${CN[n - 10]}`);
/** The title (before the first 。) and the body run into the heading's line. */
const split = (head: string) => {
  const r = rest(head);
  const stop = r.indexOf('。');
  return stop < 0 ? { title: r, run: '' } : { title: r.slice(0, stop), run: r.slice(stop + 1) };
};

interface Printer {
  part(p: Part, k: number): string[];
  section(s: Section, k: number): string[];
  item(it: Item, k: number, s: Section): string[];
  roles(r: Roles): string[];
  shared(s: Section): string[];
}
const plain: Printer = {
  part: (p) => [p.head, ...p.text],
  section: (s) => [s.head, ...s.text],
  item: (it) => [it.head, ...it.body, ...(it.roles ? plain.roles(it.roles) : []), ...it.after],
  roles: (r) => [`牵头部门：${r.lead}`, `配合部门：${r.partner}`],
  shared: (s) => (s.shared ? plain.roles(s.shared) : []),
};
function print(p: Partial<Printer>, frontLines = front, footerLines = footer): string[] {
  const pr: Printer = { ...plain, ...p };
  // The plain item printer calls plain.roles: let a style's roles printer through.
  if (p.roles && !p.item) pr.item = (it) => [it.head, ...it.body, ...(it.roles ? pr.roles(it.roles) : []), ...it.after];
  if (p.roles && !p.shared) pr.shared = (s) => (s.shared ? pr.roles(s.shared) : []);
  const out = [...frontLines];
  parts.forEach((part, pk) => {
    out.push(...pr.part(part, pk + 1));
    part.sections.forEach((s, sk) => {
      out.push(...pr.section(s, sk + 1));
      s.items.forEach((it, ik) => {
        out.push(...pr.item(it, ik + 1, s));
      });
      out.push(...pr.shared(s));
    });
  });
  return [...out, ...footerLines];
}
const lines = (out: string[]) => `${out.join('\n\n')}\n`;
const styles: Record<string, string> = {};

// 1. Tasks numbered （1） under （一） sections, with one 牵头单位：…；配合单位：… line each.
styles['seed-paren-tasks-label-line'] = lines(
  print({
    item: (it, k) => [`（${k}）${rest(it.head)}`, ...it.body, ...(it.roles ? styles1roles(it.roles) : []), ...it.after],
    roles: (r) => styles1roles(r),
  }),
);
function styles1roles(r: Roles) {
  return [`牵头单位：${r.lead}；配合单位：${r.partner}`];
}

// 2. Half-width punctuation; each responsibility in brackets after the task's last sentence, on its
// line; a statement shared by a section's tasks printed after the section's heading.
const half = (t: string) =>
  t.replace(/，/g, ',').replace(/：/g, ':').replace(/；/g, ';').replace(/（/g, '(').replace(/）/g, ')');
const verbs = (r: Roles) => `(${r.lead}牵头,${r.partner}配合)`;
styles['seed-inline-half-width'] = lines(
  print({
    part: (p) => [p.head, ...p.text.map(half)],
    section: (s) => [`${half(s.head)}${s.shared ? verbs(s.shared) : ''}`, ...s.text.map(half)],
    item: (it) => {
      const body = [it.head, ...it.body].map(half);
      if (it.roles) body[body.length - 1] += verbs(it.roles);
      return [...body, ...it.after];
    },
    shared: () => [],
  }),
);

// 3. The responsibility right after each task's title, full-width, the body on the next line.
styles['seed-inline-after-title'] = lines(
  print({
    section: (s) => [
      `${s.head}${s.shared ? `（牵头单位：${s.shared.lead}；配合单位：${s.shared.partner}）` : ''}`,
      ...s.text,
    ],
    item: (it) => {
      const { title, run } = split(it.head);
      const roles = it.roles ? `（牵头单位：${it.roles.lead}；配合单位：${it.roles.partner}）` : '';
      return [`${numeral(it.head)}. ${title}${roles}`, ...(run ? [run] : []), ...it.body, ...it.after];
    },
    shared: () => [],
  }),
);

// 4. Five levels, 一、（一）1.（1）①: each task's sentences as （1）… points, the first task's with
// ①② below them. The points belong to their task's text.
styles['seed-five-levels'] = lines(
  print({
    item: (it, k, s) => {
      const { title, run } = split(it.head);
      const sentences = [run, ...it.body]
        .join('')
        .split(/(?<=。)/)
        .filter((x) => x.trim() !== '');
      const points = sentences.map((x, j) => `（${j + 1}）${x}`);
      if (k === 1 && s === parts[2]?.sections[0] && points.length >= 2) {
        points.splice(1, 0, '①进校园。②进课堂。');
      }
      return [`${k}. ${title}。`, ...points, ...(it.roles ? plain.roles(it.roles) : []), ...it.after];
    },
  }),
);

// 5. Chapters and sections: 第一章, 第一节, tasks numbered 一、 under them.
styles['seed-chapters'] = lines(
  print({
    part: (p, k) => [`第${cn(k)}章 ${rest(p.head)}`, ...p.text],
    section: (s, k) => [`第${cn(k)}节 ${rest(s.head)}`, ...s.text],
    item: (it, k) => [
      `${cn(k)}、${rest(it.head)}`,
      ...it.body,
      ...(it.roles ? plain.roles(it.roles) : []),
      ...it.after,
    ],
  }),
);

// 6. No responsibility in the text: a table after it gives each task's units.
{
  const rows: string[] = [
    '附件',
    '重点任务分工表',
    '| 序号 | 重点任务 | 牵头单位 | 配合单位 |',
    '| --- | --- | --- | --- |',
  ];
  parts.forEach((part, pk) => {
    part.sections.forEach((s, sk) => {
      s.items.forEach((it, ik) => {
        const r = it.roles ?? s.shared;
        if (!r) return;
        rows.push(`| ${cn(pk + 1)}（${cn(sk + 1)}）${ik + 1} | ${split(it.head).title} | ${r.lead} | ${r.partner} |`);
      });
    });
  });
  const body = print({ roles: () => [] }, front, []);
  styles['seed-trailing-table'] = `${[...body, rows[0], rows[1], rows.slice(2).join('\n'), ...footer].join('\n\n')}\n`;
}

// 7. Full-width digits and letters throughout (１．２０２５年１２％).
styles['seed-full-width-digits'] = seed.replace(/[0-9A-Za-z.%]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

// 8. Copied from a government website: navigation, metadata fields, share links, footer.
styles['seed-scraped-page'] = [
  '首页 > 政务公开 > 政府文件 > 县政府办文件',
  '【字体：大 中 小】 【打印本页】 【关闭窗口】',
  '索引号：000000000/2022-00000',
  '发布机构：正宁县人民政府办公室',
  '发布日期：2022-10-28',
  '浏览次数：1024',
  seed.trim(),
  '分享到：微信 微博',
  '扫一扫在手机打开当前页',
  '上一篇：关于（示例）的通知',
  '下一篇：关于（示例）的批复',
  '版权所有：（示例）县人民政府 网站标识码：0000000000',
  '',
].join('\n');

// 9. PDF to text: every line cut at 31 characters (inside words and headings), page numbers between.
{
  const out: string[] = [];
  let n = 0;
  for (const para of seed.split(/\n\s*\n/)) {
    const t = para.replace(/\n/g, '').trim();
    if (t === '') continue;
    for (let i = 0; i < t.length; i += 31) {
      out.push(t.slice(i, i + 31));
      if (++n % 40 === 0) out.push('', `- ${n / 40} -`, '');
    }
  }
  styles['seed-pdf-breaks'] = `${out.join('\n')}\n`;
}

// 10. The whole text on one line, as some scraped pages and PDF tools give it.
styles['seed-one-line'] = `${all.join(' ')}\n`;

for (const [name, text] of Object.entries(styles)) {
  writeFileSync(fileURLToPath(new URL(`./${name}.txt`, import.meta.url)), text);
}
console.log(Object.keys(styles).join('\n'));
