import { createDiagnostic, type ImportDiagnostic } from '../diagnostics.js';
import { parseResponsibility } from '../responsibility-text.js';
import { clip } from './clip.js';
import { numeralValue } from './numerals.js';
import { type SourceText, spanOf } from './source-text.js';

/** A trimmed piece of one physical line, in normalised offsets. */
export interface Piece {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** True when one or more blank lines come before it (a paragraph or page break). */
  readonly blankBefore: boolean;
}

/** What a line (and the paragraph it starts) is. */
export type ParaKind =
  | 'body'
  | 'heading'
  | 'resp'
  | 'principle'
  | 'docnum'
  | 'date'
  | 'cc'
  | 'printed'
  | 'copies'
  | 'meta-field'
  /** A row of a table (cells between | or tabs): never joined to the lines around it. */
  | 'row';

/**
 * A logical paragraph: one or more pieces joined back together (a paragraph broken by a page or
 * a line wrap), with what kind of paragraph it is. `text` is the pieces' normalised text joined
 * without separator; {@link paraSpan} and {@link paraOriginal} map its offsets back.
 */
export interface Para {
  readonly kind: ParaKind;
  readonly pieces: Piece[];
  text: string;
  /**
   * For headings: 1 part, 2 section, 3 item, 4 a point inside an item's text. Read first from the
   * marker alone (一、 1, （一） 2, 1. 3, （1） 4), then set by `assignLevels` from the hierarchy the
   * document actually uses.
   */
  level?: 1 | 2 | 3 | 4;
  /** For headings: which kind of number it is printed with. */
  readonly marker?: HeadingMarker;
  /** For headings: the number as printed (三, 2) and its value. */
  readonly numeral?: string;
  readonly number?: number;
  /** For headings: where the title starts in `text` (after the marker and spaces). */
  readonly contentStart?: number;
}

/**
 * The kinds of heading number, from the outermost a Chinese document conventionally uses to the
 * innermost: 第一章 (or 第一部分), 第一节, 一、, （一）, 1., （1）, ①.
 */
export const HEADING_MARKERS = ['chapter', 'jie', 'cn', 'cn-paren', 'num', 'num-paren', 'circled'] as const;
export type HeadingMarker = (typeof HEADING_MARKERS)[number];

const L1 = /^([一二三四五六七八九十]{1,3})\s*[、.,]\s*/;
const L1_CHAPTER = /^第([一二三四五六七八九十]{1,3})(?:部分|章)[\s、.,:]*/;
const JIE = /^第([一二三四五六七八九十]{1,3})节[\s、.,:]*/;
const L2 = /^\(\s*([一二三四五六七八九十]{1,3})\s*\)\s*[、.]?\s*/;
const L3 = /^(\d{1,2})\s*[.、,](?![\d.])\s*/;
const L4 = /^(?:\(\s*(\d{1,2})\s*\)|([①-⑳]))\s*/;
const DOCNUM = /^([\u4e00-\u9fff]{1,12})\s*[〔[【(]\s*(\d{4})\s*[〕\]】)]\s*(\d{0,5})\s*号$/;
const DATE =
  /^(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$/;
const PRINTED = /印发$/;
const COPIES = /^\(?\s*共印\s*\d+\s*份\s*\)?$/;
const CC = /^(?:抄送|抄报)\s*[:：]/;
const META_FIELD = /^(?:发文机关|发文单位|发布机构|发文字号|文号|成文日期|印发日期)\s*[:：]/;
const CLUTTER = [
  /^(?:首页|当前位置|您的位置|您当前的位置|所在位置)(?:\s*[:：>»›]|$)/,
  /^[^。]{0,40}[>»›]\s*[^。]{0,40}[>»›]/,
  /^(?:\[\s*)?(?:打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|返回顶部|返回|收藏本页|收藏|加入收藏|设为首页)(?:\s*\])?$/,
  /^(?:分享到|分享)\s*[:：]?/,
  /^(?:【\s*)?字体\s*[:：]/,
  /^[【[]?\s*(?:大|中|小)\s*[】\]]?\s*[【[]?\s*(?:大|中|小)\s*[】\]]?\s*[【[]?\s*(?:大|中|小)\s*[】\]]?$/,
  /扫一扫|微信扫|手机扫码|在手机打开|手机版/,
  /^(?:上一篇|下一篇|上一条|下一条)\s*[:：]?/,
  /^(?:相关链接|相关文章|相关阅读|网站地图|联系我们|网站声明|隐私声明|无障碍|适老化)/,
  /版权所有|ICP备|公网安备|网站标识码|技术支持\s*[:：]|主办单位\s*[:：]|承办单位\s*[:：]|主办\s*[:：]/,
  /^(?:浏览次数|阅读次数|访问量|点击数|点击量|阅读量|浏览量)\s*[:：]?/,
  /^(?:来源|信息来源|作者|编辑|责任编辑|审核|发布时间|发布日期|更新时间|日期)\s*[:：]/,
  /^(?:索引号|信息分类|主题分类|公开方式|公开范围|公开时限|体裁分类|组配分类|有效性|信息名称|内容概述|文件编号)\s*[:：]?/,
  /^\(?\s*此件(?:公开发布|主动公开|依申请公开|不予公开)\s*\)?$/,
  /^(?:-{3,}|\*{3,}|_{3,}|={3,}|—{3,})$/,
];
const PAGE_NUMBER =
  /^(?:[-—–\s]*\d{1,3}[-—–\s]*|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*\/\s*\d{1,3})$/;

/**
 * Marks a split point where text was run together on one line: a heading, 抄送 or 共印 after the
 * end of a sentence or a space, and a 牵头/配合/责任单位 label after anything (a unit name ends the
 * list before it) — except right after an opening bracket, where it is an inline statement.
 */
const RUN_TOGETHER =
  /(?:(?<=[。！？!?；;]\s*|\s)(?=[一二三四五六七八九十]{1,3}[、.](?![\d.])|第[一二三四五六七八九十]{1,3}(?:章|节|部分)|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、](?![\d.])|\(\d{1,2}\)|[①-⑳]|(?:抄送|抄报)\s*[:：]|共印\s*\d)|(?<=[〕\]]\s*\d{0,5}\s*号)(?=\s*\d{4}\s*年)|(?<=[。！？!?]\s*)(?=[\u4e00-\u9fff]{2,30}\s+\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:印发)?$)|(?<![(\s])(?=(?:牵头|配合|责任|协办)(?:部门|单位)\s*[:：])|(?<=\s)(?=(?:牵头|配合|责任|协办)(?:部门|单位)\s*[:：]))/g;

const TERMINAL = /[。！？!?；;:：.…](?:[”’」』)\]]*)$/;
const INLINE_END = /\([^()]{0,200}(?:牵头|配合|责任|负责)[^()]{0,200}\)$/;
const SENTENCE_PUNCT = /[,，;；:：。]/;
const TITLE_END = /(?:通知|方案|意见|办法|规划|计划|纲要|决定|[)\]》])$/;

export interface ParagraphsResult {
  readonly paras: Para[];
  /** Wrap width detected (0 when lines are not wrapped at a fixed width). */
  readonly wrapWidth: number;
}

type HeadingFields = Pick<Para, 'level' | 'marker' | 'numeral' | 'number' | 'contentStart'>;

function chinese(m: RegExpExecArray, level: 1 | 2, marker: HeadingMarker): HeadingFields {
  return { level, marker, numeral: m[1] as string, number: numeralValue(m[1] as string), contentStart: m[0].length };
}

export function headingOf(text: string): HeadingFields | undefined {
  let m = L1.exec(text);
  if (m) return chinese(m, 1, 'cn');
  m = L1_CHAPTER.exec(text);
  if (m) return chinese(m, 1, 'chapter');
  m = JIE.exec(text);
  if (m) return chinese(m, 2, 'jie');
  m = L2.exec(text);
  if (m) return chinese(m, 2, 'cn-paren');
  m = L3.exec(text);
  if (m) {
    return { level: 3, marker: 'num', numeral: m[1] as string, number: Number(m[1]), contentStart: m[0].length };
  }
  m = L4.exec(text);
  if (m) {
    const numeral = (m[1] ?? m[2]) as string;
    const number = m[1] !== undefined ? Number(m[1]) : numeral.charCodeAt(0) - 0x2460 + 1;
    return {
      level: 4,
      marker: m[1] !== undefined ? 'num-paren' : 'circled',
      numeral,
      number,
      contentStart: m[0].length,
    };
  }
  return undefined;
}

/** Whether a line is a responsibility statement standing on its own. */
export function isResponsibilityLine(text: string): boolean {
  if (!/牵头|配合|责任|协办|参与|协助|负责/.test(text)) return false;
  // A numbered heading may end with its responsibility ((五)实施…工程(县科协牵头,…配合)): it stays a heading.
  if (headingOf(text)) return false;
  if (/^\(?\s*(?:牵头|配合|协办|参与|协助|(?:主要)?责任)(?:部门|单位|主体)?\s*[:：]/.test(text)) return true;
  // A verb-form line (县科协牵头，县教育局配合。) or one in brackets, but never a long sentence.
  if (text.length > 120) return false;
  const inner = text.replace(/^\(\s*/, '').replace(/\s*\)\s*[。.]?$/, '');
  return parseResponsibility(inner) !== undefined;
}

function classify(text: string): ParaKind | 'clutter' | 'pagenum' | 'heading' {
  if (PAGE_NUMBER.test(text)) return 'pagenum';
  if (CC.test(text)) return 'cc';
  if (COPIES.test(text)) return 'copies';
  if (META_FIELD.test(text)) return 'meta-field';
  if (CLUTTER.some((re) => re.test(text))) return 'clutter';
  if (DOCNUM.test(text)) return 'docnum';
  if (DATE.test(text)) return 'date';
  if (PRINTED.test(text) && /\d{4}\s*年|[〇零]/.test(text) && text.length <= 60) return 'printed';
  if (/\|[^|]*\|/.test(text) || /\t[^\t]*\t/.test(text)) return 'row';
  if (/^(?:—{1,2}|-{2})/.test(text)) return 'principle';
  if (isResponsibilityLine(text)) return 'resp';
  if (headingOf(text)) return 'heading';
  return 'body';
}

/** Splits the normalised text into trimmed pieces, splitting text run together on one line. */
function piecesOf(src: SourceText, diagnostics: ImportDiagnostic[]): Piece[] {
  const { norm } = src;
  const pieces: Piece[] = [];
  let blank = false;
  let lineStart = 0;
  const n = norm.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? norm.charCodeAt(i) : 0x0a;
    if (c !== 0x0a && c !== 0x0d) continue;
    const lineEnd = i;
    if (c === 0x0d && i + 1 < n && norm.charCodeAt(i + 1) === 0x0a) i++;
    // Trim spaces and the marks a web page or a Markdown copy leaves around a line.
    let s = lineStart;
    let e = lineEnd;
    while (s < e && /[\s#>*`|]/.test(norm[s] as string)) s++;
    while (e > s && /[\s*`|]/.test(norm[e - 1] as string)) e--;
    lineStart = i + 1;
    if (s >= e) {
      blank = true;
      continue;
    }
    const text = norm.slice(s, e);
    // Text run together on one line: split before a heading or a responsibility label that
    // follows the end of a sentence or a space.
    let from = 0;
    for (const cut of cutsOf(text)) {
      let end = cut;
      while (end > from && /[\s*]/.test(text[end - 1] as string)) end--;
      let start = from;
      while (start < end && /[\s*]/.test(text[start] as string)) start++;
      if (end > start) {
        pieces.push({ start: s + start, end: s + end, text: text.slice(start, end), blankBefore: blank });
        blank = false;
        diagnostics.push(
          createDiagnostic('text-split', spanOf(src, s + cut, s + cut + 1), {
            marker: originalOf(src, s + cut, Math.min(e, s + cut + 4)),
          }),
        );
      }
      from = cut;
    }
    while (from < text.length && /[\s*]/.test(text[from] as string)) from++;
    pieces.push({ start: s + from, end: e, text: text.slice(from), blankBefore: blank });
    blank = false;
  }
  return pieces;
}

/** Where the front matter of a whole document on one line ends: its first 一、 or 第一章 heading. */
const FIRST_PART = /(?<=[。！？!?\s])(?:一\s*[、.]|第一(?:章|部分))/;
/** Spaces in front matter that do not separate two lines: inside a document number (〔2022〕 号). */
const NOT_A_BREAK = /[〔[]\d{4}[〕\]]$/;

/**
 * Where a line holding several lines' text is cut: before a heading, a responsibility label,
 * 抄送 or 共印 run into it, after a document number run into a date, and — in a whole document on
 * one line (over 200 characters) — at every space of the front matter, where the lines of the
 * notice, signature and title were joined.
 */
function cutsOf(text: string): number[] {
  if (text.length <= 6) return [];
  const cuts: number[] = [];
  RUN_TOGETHER.lastIndex = 0;
  // Never split inside brackets: （牵头单位：…；配合单位：…） is one inline statement.
  let depth = 0;
  let scanned = 0;
  for (let m = RUN_TOGETHER.exec(text); m !== null; m = RUN_TOGETHER.exec(text)) {
    for (; scanned < m.index; scanned++) {
      const ch = text[scanned];
      if (ch === '(') depth++;
      else if (ch === ')' && depth > 0) depth--;
    }
    RUN_TOGETHER.lastIndex = m.index + 1;
    if (m.index === 0 || depth > 0) continue;
    cuts.push(m.index);
  }
  if (text.length > 200) {
    const frontEnd = FIRST_PART.exec(text)?.index ?? -1;
    const re = /\s+/g;
    for (let m = re.exec(text); m !== null && m.index < frontEnd; m = re.exec(text)) {
      if (m.index > 0 && !NOT_A_BREAK.test(text.slice(Math.max(0, m.index - 8), m.index)))
        cuts.push(m.index + m[0].length);
    }
    cuts.sort((a, b) => a - b);
  }
  return cuts.filter((c, i) => c > 0 && c < text.length && c !== cuts[i - 1]);
}

/** The most common length of body lines, when most lines share it: the width text was wrapped at. */
function wrapWidthOf(pieces: readonly Piece[], kinds: readonly string[]): number {
  const counts = new Map<number, number>();
  let total = 0;
  pieces.forEach((p, i) => {
    if (kinds[i] !== 'body' && kinds[i] !== 'heading') return;
    const len = p.text.length;
    if (len < 12) return;
    total++;
    counts.set(len, (counts.get(len) ?? 0) + 1);
  });
  let best = 0;
  let bestCount = 0;
  for (const [len, count] of counts) {
    const near = count + (counts.get(len - 1) ?? 0);
    if (near > bestCount || (near === bestCount && len > best)) {
      best = len;
      bestCount = near;
    }
  }
  return bestCount >= 4 && bestCount >= total * 0.3 ? best : 0;
}

/**
 * Turns the text into paragraphs: splits run-together lines, drops website clutter, page numbers
 * and page-break debris (a stray one-character line after a finished paragraph, like the seed's
 * 位), and joins back paragraphs broken by a page break or a fixed-width wrap. Every repair is a
 * diagnostic. Linear in the length of the text.
 */
export function paragraphsOf(src: SourceText, diagnostics: ImportDiagnostic[]): ParagraphsResult {
  const pieces = piecesOf(src, diagnostics);
  const kinds = pieces.map((p) => classify(p.text));
  const wrapWidth = wrapWidthOf(pieces, kinds);
  const paras: Para[] = [];
  let cur: Para | undefined;
  let open = false;

  // Whether the open paragraph has sentence punctuation (，；：。) or a comma after its heading
  // marker, kept as pieces are added so that deciding whether it goes on stays linear in its
  // length. Only the paragraph being built is ever asked about, so two flags suffice: a map from
  // every paragraph would keep an entry per paragraph alive for the garbage collector to trace.
  let sentence = false;
  let comma = false;
  const notePunct = (para: Para, piece: Piece, first: boolean) => {
    const text = first && para.contentStart ? piece.text.slice(para.contentStart) : piece.text;
    if (first) {
      sentence = false;
      comma = false;
    }
    sentence ||= SENTENCE_PUNCT.test(text);
    comma ||= /[,，;；]/.test(text);
  };

  const isOpen = (para: Para, last: Piece): boolean => {
    // A line that closes with its responsibility （…牵头…） ends its paragraph, even at the wrap width.
    const closed = last.text.endsWith(')') && INLINE_END.test(last.text);
    if (
      wrapWidth > 0 &&
      !closed &&
      last.text.length >= wrapWidth - 1 &&
      (para.kind === 'body' || para.kind === 'heading' || para.kind === 'resp' || para.kind === 'principle')
    ) {
      return true;
    }
    if (para.kind === 'resp') return /[、,，和及与]$/.test(last.text);
    if (para.kind !== 'body' && para.kind !== 'heading' && para.kind !== 'principle') return false;
    // A number alone on its line (（一） then the title on the next line) goes on.
    if (para.kind === 'heading' && para.text.length === para.contentStart) return true;
    // Only the end of the paragraph matters here; reading just its tail keeps long ones cheap.
    const tail = para.text.length > 480 ? para.text.slice(-480) : para.text;
    if (TERMINAL.test(tail)) return false;
    // A paragraph ending with its inline responsibility （…牵头…） is finished.
    if (tail.endsWith(')') && INLINE_END.test(tail)) return false;
    const length = para.text.length - (para.contentStart ?? 0);
    if (!sentence && (length <= 40 || TITLE_END.test(tail))) return false;
    if (TITLE_END.test(tail) && !comma) return false;
    return true;
  };

  pieces.forEach((piece, i) => {
    const kind = kinds[i] as ReturnType<typeof classify>;
    if (kind === 'clutter' || kind === 'pagenum') {
      // A page number sits inside a page break: the paragraph before it may go on after it.
      const span = spanOf(src, piece.start, piece.end);
      const text = src.original.slice(span.start, span.end);
      diagnostics.push(
        createDiagnostic(kind === 'clutter' ? 'clutter-dropped' : 'debris-dropped', span, { text: clip(text) }),
      );
      return;
    }
    if (cur && open && kind === 'body' && !(wrapWidth > 0 && endsTitleOnly(cur, piece, wrapWidth))) {
      if (piece.blankBefore) {
        const last = cur.pieces[cur.pieces.length - 1] as Piece;
        const before = spanOf(src, Math.max(last.start, last.end - 6), last.end);
        const after = spanOf(src, piece.start, Math.min(piece.end, piece.start + 6));
        diagnostics.push(
          createDiagnostic('lines-joined', spanOf(src, piece.start, Math.min(piece.end, piece.start + 1)), {
            before: src.original.slice(before.start, before.end),
            after: src.original.slice(after.start, after.end),
          }),
        );
      }
      cur.pieces.push(piece);
      cur.text += piece.text;
      notePunct(cur, piece, false);
      open = isOpen(cur, piece);
      return;
    }
    if (kind === 'body' && [...piece.text].length === 1) {
      const span = spanOf(src, piece.start, piece.end);
      diagnostics.push(createDiagnostic('debris-dropped', span, { text: src.original.slice(span.start, span.end) }));
      return;
    }
    const heading = kind === 'heading' ? headingOf(piece.text) : undefined;
    cur = { kind: kind as ParaKind, pieces: [piece], text: piece.text, ...(heading ?? {}) };
    paras.push(cur);
    notePunct(cur, piece, true);
    open = isOpen(cur, piece);
  });
  return { paras, wrapWidth };
}

/**
 * A 一、 or （一） heading whose line is exactly the wrap width may be finished. Its title goes on
 * in the next line when that line is the title's short last line, or when the title ends in it
 * (a full stop or a colon comes before any comma); a full line that reads on as prose is the
 * body's first line instead.
 */
function endsTitleOnly(cur: Para, next: Piece, wrapWidth: number): boolean {
  // Only 一、 and （一） headings stand alone as titles; a 1. item usually runs into its body.
  if (cur.kind !== 'heading' || (cur.level !== 1 && cur.level !== 2)) return false;
  // Headings are short: reading the whole of one is cheap.
  if (cur.text.length > 200 || SENTENCE_PUNCT.test(cur.text.slice(cur.contentStart ?? 0))) return false;
  if (next.text.length < wrapWidth - 1) return false;
  const first = /[,，;；。！？!?:：]/.exec(next.text);
  return first === null || /[,，;；]/.test(first[0]);
}

function originalOf(src: SourceText, from: number, to: number): string {
  const span = spanOf(src, from, to);
  return src.original.slice(span.start, span.end);
}

/** The span in the original of `[from, to)` of a paragraph's text. */
export function paraSpan(src: SourceText, para: Para, from: number, to: number) {
  const a = paraToNorm(para, from, false);
  const b = paraToNorm(para, Math.max(from, to), true);
  return spanOf(src, a, Math.max(a, b));
}

/** The original text of `[from, to)` of a paragraph's text, the pieces joined without the breaks between them. */
export function paraOriginal(src: SourceText, para: Para, from = 0, to = para.text.length): string {
  let out = '';
  let offset = 0;
  for (const piece of para.pieces) {
    const len = piece.end - piece.start;
    const a = Math.max(from, offset);
    const b = Math.min(to, offset + len);
    if (a < b) {
      const s = spanOf(src, piece.start + (a - offset), piece.start + (b - offset));
      out += src.original.slice(s.start, s.end);
    }
    offset += len;
    if (offset >= to) break;
  }
  return out;
}

function paraToNorm(para: Para, at: number, isEnd: boolean): number {
  let offset = 0;
  for (const piece of para.pieces) {
    const len = piece.end - piece.start;
    if (at < offset + len || (isEnd && at === offset + len)) return piece.start + (at - offset);
    offset += len;
  }
  const last = para.pieces[para.pieces.length - 1] as Piece;
  return last.end;
}
