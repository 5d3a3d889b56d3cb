import { createDiagnostic, type ImportDiagnostic } from '../diagnostics.js';
import type { FieldSource } from '../span.js';
import { zeroSpan } from './clip.js';
import { chineseYear, numeralValue } from './numerals.js';
import { type Para, paraOriginal, paraSpan } from './paragraphs.js';
import { createRecorder } from './recorder.js';
import type { SourceText } from './source-text.js';

/** The plan metadata read from the text, in the core schema's input shape (fields may be missing). */
export interface MetaDraft {
  title?: string;
  noticeTitle?: string;
  issuer?: string;
  documentNumber?: { printed: string; prefix?: string; year?: number; number: string | null };
  issueDate?: string;
  period?: { start: number; end: number };
  basis: string[];
  recipients: string[];
  distribution: string[];
  printing?: { by?: string; date?: string; copies?: number };
}

export interface MetaResult {
  readonly meta: MetaDraft;
  /** The jurisdiction read from the title or the issuer (正宁县), when found. */
  readonly jurisdiction?: { name: string; para: Para; from: number; to: number };
}

const DOCNUM = /^([\u4e00-\u9fff]{1,12})\s*[〔[【(]\s*(\d{4})\s*[〕\]】)]\s*(\d{0,5})\s*号$/;
const DATE =
  /(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日/;
const PERIOD = /((?:19|20|21)\d{2})\s*(?:年)?\s*[-—–~至到]{1,2}\s*((?:19|20|21)\d{2})\s*年?/;
const ISSUER_LIKE = /(?:人民政府办公室|人民政府|政府办公室|办公室|委员会|领导小组|局|委|部|厅|办|科协)$/;
const MASTHEAD = /^([\u4e00-\u9fff]{2,30}?(?:人民政府办公室|人民政府|政府办公室|办公室|委员会|领导小组))(?:文件)?$/;
const PLAN_WORDS = /方案|计划|规划|纲要|意见|办法|要点/;
const JURISDICTION = /^(?:中共)?([\u4e00-\u9fff]{1,10}?(?:自治县|自治州|县|区|市|州|旗|盟))/;

/** `2022年10月26日` (or in Chinese digits) as an ISO date; `undefined` when it is not a real date. */
export function isoDate(text: string): string | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const year = chineseYear(m[1] as string);
  const month = numeralValue(m[2] as string);
  const day = numeralValue(m[3] as string);
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Removes the spaces a layout puts inside a title (纲要 实施方案 → 纲要实施方案). */
function squeeze(text: string): string {
  return text.replace(/\s+/g, '').replace(/^\*+|\*+$/g, '');
}

/**
 * Reads the plan's metadata: from the front matter (the covering notice and the plan's own title
 * block, everything before the first heading) and from the footers wherever they are (抄送,
 * 印发, 共印). Records a span for each field.
 */
export function readMeta(
  src: SourceText,
  front: readonly Para[],
  footers: readonly Para[],
  spans: Record<string, FieldSource>,
  diagnostics: ImportDiagnostic[],
): MetaResult {
  const meta: MetaDraft = { basis: [], recipients: [], distribution: [] };
  const { record, textOf } = createRecorder(src, spans);
  const whole = (path: string, para: Para, confidence = 1) => record(path, para, 0, para.text.length, confidence);

  // --- footers and web metadata (anywhere in the text) -----------------------------------------
  const fields = new Map<string, { para: Para; value: string; at: number }>();
  for (const para of [...front, ...footers]) {
    if (para.kind === 'meta-field') {
      const m = /^([\u4e00-\u9fff]+)\s*[:：]\s*/.exec(para.text);
      if (m && !fields.has(m[1] as string))
        fields.set(m[1] as string, { para, value: para.text.slice(m[0].length), at: m[0].length });
    }
  }
  for (const para of footers) {
    if (para.kind === 'cc' && meta.distribution.length === 0) {
      const colon = para.text.search(/[:：]/) + 1;
      const list = para.text.slice(colon);
      const re = /[^,，、;；。.\s]+(?:[、][^,，;；。.\s]+)*/g;
      let i = 0;
      for (let m = re.exec(list); m !== null; m = re.exec(list)) {
        const from = colon + m.index;
        const to = from + m[0].length;
        meta.distribution.push(paraOriginal(src, para, from, to));
        record(`meta.distribution[${i++}]`, para, from, to, 1);
      }
    } else if (para.kind === 'printed' && meta.printing === undefined) {
      const date = isoDate(para.text);
      const dm = DATE.exec(para.text);
      const by = dm ? squeeze(para.text.slice(0, dm.index)) : '';
      meta.printing = { ...(by !== '' ? { by } : {}), ...(date ? { date } : {}) };
      whole('meta.printing', para);
    } else if (para.kind === 'copies') {
      const copies = Number(/\d+/.exec(para.text)?.[0]);
      meta.printing = { ...(meta.printing ?? {}), copies };
      whole('meta.printing.copies', para);
    }
  }
  // A 印发 line often has the issuer on the line above it.
  if (meta.printing && meta.printing.by === undefined) {
    const printedAt = footers.findIndex((p) => p.kind === 'printed');
    const above = printedAt > 0 ? footers[printedAt - 1] : undefined;
    if (above && above.kind === 'body' && ISSUER_LIKE.test(above.text) && above.text.length <= 40) {
      meta.printing.by = squeeze(paraOriginal(src, above));
    }
  }

  // --- document number ---------------------------------------------------------------------------
  const numberPara = front.find((p) => p.kind === 'docnum');
  const numberField = fields.get('发文字号') ?? fields.get('文号');
  const readNumber = (para: Para, from: number) => {
    const text = para.text.slice(from);
    const m = DOCNUM.exec(text.trim());
    const printed = paraOriginal(src, para, from).trim();
    meta.documentNumber = m
      ? {
          printed,
          prefix: m[1] as string,
          year: Number(m[2]),
          number: (m[3] as string) === '' ? null : (m[3] as string),
        }
      : { printed, number: null };
    record('meta.documentNumber', para, from, para.text.length, m ? 1 : 0.7);
    if (m && m[3] === '') {
      diagnostics.push(
        createDiagnostic('document-number-blank', paraSpan(src, para, from, para.text.length), { printed }),
      );
    }
  };
  if (numberPara) readNumber(numberPara, 0);
  else if (numberField) readNumber(numberField.para, numberField.at);

  // --- covering notice ---------------------------------------------------------------------------
  const noticeAt = front.findIndex((p) => p.kind === 'body' && /关于.{2,200}(?:通知|决定|意见|函|批复)$/.test(p.text));
  let noticeEnd = -1;
  if (noticeAt >= 0) {
    const notice = front[noticeAt] as Para;
    const prev = front[noticeAt - 1];
    const prefixed =
      prev &&
      prev.kind === 'body' &&
      ISSUER_LIKE.test(prev.text) &&
      prev.text.length <= 40 &&
      !/[,，。]/.test(prev.text);
    meta.noticeTitle = squeeze(`${prefixed ? paraOriginal(src, prev) : ''}${paraOriginal(src, notice)}`);
    whole('meta.noticeTitle', notice);
    noticeEnd = noticeAt;
    const recipients = front[noticeAt + 1];
    if (recipients && recipients.kind === 'body' && /[:：]$/.test(recipients.text) && recipients.text.length <= 300) {
      const list = recipients.text.replace(/[:：]$/, '');
      const re = /[^,，;；\s]+/g;
      let i = 0;
      for (let m = re.exec(list); m !== null; m = re.exec(list)) {
        meta.recipients.push(paraOriginal(src, recipients, m.index, m.index + m[0].length));
        record(`meta.recipients[${i++}]`, recipients, m.index, m.index + m[0].length, 1);
      }
      noticeEnd = noticeAt + 1;
    }
    if (prefixed && meta.issuer === undefined) {
      meta.issuer = squeeze(paraOriginal(src, prev));
      whole('meta.issuer', prev, 0.9);
    }
  }

  // --- signature: an issuer line followed by a date line ------------------------------------------
  for (let i = Math.max(0, noticeEnd); i < front.length; i++) {
    const para = front[i] as Para;
    if (para.kind !== 'date') continue;
    const date = isoDate(para.text);
    if (!date) {
      diagnostics.push(createDiagnostic('date-invalid', paraSpan(src, para, 0, para.text.length), { text: para.text }));
      continue;
    }
    meta.issueDate = date;
    whole('meta.issueDate', para);
    const above = front[i - 1];
    if (
      above &&
      above.kind === 'body' &&
      ISSUER_LIKE.test(above.text) &&
      above.text.length <= 40 &&
      !/[,，。]/.test(above.text)
    ) {
      meta.issuer = squeeze(paraOriginal(src, above));
      whole('meta.issuer', above);
    }
    break;
  }
  // A signature at the end of the text instead (issuer, then date).
  if (meta.issuer === undefined) {
    for (let i = 1; i < footers.length; i++) {
      const date = footers[i] as Para;
      const above = footers[i - 1] as Para;
      if (date.kind !== 'date' || above.kind !== 'body') continue;
      meta.issuer = squeeze(paraOriginal(src, above));
      whole('meta.issuer', above);
      const iso = isoDate(date.text);
      if (iso && meta.issueDate === undefined) {
        meta.issueDate = iso;
        whole('meta.issueDate', date);
      }
      break;
    }
  }
  if (meta.issueDate === undefined) {
    const field = fields.get('成文日期');
    const date = field ? isoDate(field.value) : undefined;
    if (field && date) {
      meta.issueDate = date;
      record('meta.issueDate', field.para, field.at, field.para.text.length, 0.9);
    }
  }
  if (meta.issuer === undefined) {
    const field = fields.get('发文机关') ?? fields.get('发文单位') ?? fields.get('发布机构');
    if (field && field.value.trim() !== '') {
      meta.issuer = squeeze(field.value);
      record('meta.issuer', field.para, field.at, field.para.text.length, 0.9);
    } else if (meta.printing?.by) {
      meta.issuer = meta.printing.by;
      const printed = footers.find((p) => p.kind === 'printed');
      if (printed) whole('meta.issuer', printed, 0.7);
    }
  }
  // A document's masthead (岚川市人民政府文件, or the issuer's name alone above its number).
  if (meta.issuer === undefined) {
    const head = front.find((p) => p.kind === 'body');
    const m = head ? MASTHEAD.exec(head.text) : null;
    if (head && m) {
      meta.issuer = squeeze(paraOriginal(src, head, 0, (m[1] as string).length));
      record('meta.issuer', head, 0, (m[1] as string).length, 0.8);
      diagnostics.push(
        createDiagnostic('issuer-from-masthead', paraSpan(src, head, 0, head.text.length), { issuer: meta.issuer }),
      );
    }
  }

  // --- the plan's title: the last title-like line before the body ----------------------------------
  let titleAt = -1;
  for (let i = front.length - 1; i > noticeEnd; i--) {
    const para = front[i] as Para;
    if (para.kind !== 'body' && para.kind !== 'heading') continue;
    const t = para.text;
    if (/[。]$/.test(t) || t.length > 120 || /^关于/.test(t)) continue;
    if (PLAN_WORDS.test(t) && !/[。，,]/.test(t)) {
      titleAt = i;
      break;
    }
  }
  let jurisdiction: MetaResult['jurisdiction'];
  if (titleAt >= 0) {
    const line = front[titleAt] as Para;
    let para = line;
    // A title broken across two lines (江岭市全民科学素质 / 行动实施方案…): the line above starts with
    // the jurisdiction, the title's line does not.
    const above = titleAt - 1 > noticeEnd ? front[titleAt - 1] : undefined;
    const broken =
      above !== undefined &&
      above.kind === 'body' &&
      above.text.length <= 40 &&
      !/[。，,:：;；]/.test(above.text) &&
      !ISSUER_LIKE.test(above.text) &&
      JURISDICTION.test(above.text) &&
      !JURISDICTION.test(para.text);
    let title = squeeze(`${broken ? paraOriginal(src, above) : ''}${paraOriginal(src, para)}`);
    if (broken) {
      diagnostics.push(
        createDiagnostic('title-joined', paraSpan(src, para, 0, Math.min(para.text.length, 6)), {
          before: squeeze(paraOriginal(src, above)),
          after: squeeze(paraOriginal(src, para)),
        }),
      );
      para = above;
    }
    const next = front[titleAt + 1];
    if (next && /^\(\s*\d{4}\s*[-—–~至到]{1,2}\s*\d{4}\s*年?\s*\)$/.test(next.text))
      title += squeeze(paraOriginal(src, next));
    meta.title = title;
    if (para === line) whole('meta.title', para);
    else textOf(para, 0, [line], 'meta.title');
    const j = JURISDICTION.exec(para.text);
    if (j) jurisdiction = { name: j[1] as string, para, from: j[0].length - (j[1] as string).length, to: j[0].length };
    const period = PERIOD.exec(`${line.text}${next?.text ?? ''}`);
    if (period) {
      meta.period = { start: Number(period[1]), end: Number(period[2]) };
      if (period.index < line.text.length)
        record('meta.period', line, period.index, Math.min(line.text.length, period.index + period[0].length), 1);
      else whole('meta.period', next as Para);
    }
    // The preamble (为…，依据《…》…，制定本方案。) names the documents the plan rests on.
    for (const p of front.slice(titleAt + 1)) {
      if (!/依据|根据|按照|贯彻落实/.test(p.text)) continue;
      const re = /《([^《》]{2,80})》/g;
      for (let m = re.exec(p.text); m !== null; m = re.exec(p.text)) {
        const from = m.index;
        const to = from + m[0].length;
        record(`meta.basis[${meta.basis.length}]`, p, from, to, 0.9);
        meta.basis.push(paraOriginal(src, p, from + 1, to - 1));
      }
      break;
    }
  } else {
    const at = front[0] ?? footers[0];
    diagnostics.push(createDiagnostic('title-missing', at ? paraSpan(src, at, 0, 0) : zeroSpan()));
  }
  if (meta.period === undefined && meta.noticeTitle !== undefined) {
    const period = PERIOD.exec(meta.noticeTitle);
    if (period) {
      meta.period = { start: Number(period[1]), end: Number(period[2]) };
      const notice = front[noticeAt] as Para;
      const at = PERIOD.exec(notice.text);
      if (at) record('meta.period', notice, at.index, at.index + at[0].length, 0.9);
    }
  }
  if (jurisdiction === undefined && meta.issuer !== undefined) {
    const issuerPara = front.find((p) => squeeze(p.text) === meta.issuer?.normalize('NFKC'));
    const j = JURISDICTION.exec(meta.issuer.normalize('NFKC'));
    if (j && issuerPara)
      jurisdiction = {
        name: j[1] as string,
        para: issuerPara,
        from: j[0].length - (j[1] as string).length,
        to: j[0].length,
      };
    else if (j && front[0]) jurisdiction = { name: j[1] as string, para: front[0], from: 0, to: 0 };
  }
  return jurisdiction ? { meta, jurisdiction } : { meta };
}
