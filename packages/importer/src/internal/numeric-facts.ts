import type { Cadence } from '@kepu/core';

/** A number read from a paragraph: a target to reach, or a value observed in a past year. */
export interface NumericFact {
  readonly kind: 'target' | 'observation';
  /** Offsets of the clause holding the number, in the paragraph's normalised text. */
  readonly clauseStart: number;
  readonly clauseEnd: number;
  readonly numberStart: number;
  readonly numberEnd: number;
  readonly op: 'gte' | 'gt' | 'lte' | 'lt' | 'eq' | 'range';
  readonly value: number;
  readonly max: number;
  /** The document's comparator words, joined with … (达到…以上). */
  readonly word: string;
  /** True when the comparator word comes from an earlier clause of the sentence. */
  readonly wordCarried: boolean;
  /** True when no comparator word was found at all and `gte` was taken. */
  readonly wordMissing: boolean;
  /** The unit after scaling (万条 → 条) and with its period (节/周). */
  readonly unit: string;
  /** Deadline of a target, or year of an observation; undefined when the text names none. */
  readonly year: number | undefined;
  readonly cadence: Cadence;
  readonly temporal: 'stock' | 'flow';
  /** What is measured, as printed around the number (公民具备科学素质的比例). */
  readonly subject: string;
  /** The level (省级, 市级 …) when the subject starts with one; the subject is then without it. */
  readonly level: { readonly id: string; readonly name: string } | undefined;
}

const NUMBER =
  /(?<![\d.])(\d+(?:\.\d+)?)\s*(?:(至|到|-|~|—|–)\s*(\d+(?:\.\d+)?)\s*)?(万|亿|千)?\s*(%|‰|人次|场次|课时|学时|小时|平方米|公里|条|处|个|所|家|名|人|次|场|节|项|座|篇|期|部|套|本|份|户|间|台|册|件|支|元|亩)?(?![\d.])/g;
const SCALE: Record<string, number> = { 万: 10_000, 亿: 100_000_000, 千: 1_000 };
const DEADLINE = /(?:到|至|力争到|力争在)\s*(\d{4})\s*年(?:底|末)?|(\d{4})\s*年(?:底|末)?(?:前|以前|之前)/;
const YEAR = /(?<!\d)(\d{4})\s*年/;
const BEFORE: ReadonlyArray<[RegExp, 'gte' | 'gt' | 'lte' | 'lt']> = [
  [/不低于|不少于|不小于|至少/, 'gte'],
  [/不超过|不高于|不多于|不大于/, 'lte'],
  [/超过|高于|多于|大于/, 'gt'],
  [/低于|少于|小于/, 'lt'],
  [/达到|提高到|提升到|增加到|增长到|保持在|稳定在/, 'gte'],
];
const AFTER: ReadonlyArray<[RegExp, 'gte' | 'lte' | 'eq']> = [
  [/^\s*(?:以上)/, 'gte'],
  [/^\s*(?:以下|以内)/, 'lte'],
  [/^\s*(?:左右)/, 'eq'],
];
const COMPARATOR_WORDS =
  '不低于|不少于|不小于|至少|不超过|不高于|不多于|不大于|超过|高于|多于|大于|低于|少于|小于|达到|提高到|提升到|增加到|增长到|保持在|稳定在';
const TRAILING_COMPARATOR = new RegExp(`(?:${COMPARATOR_WORDS})\\s*$`);
const CARRIED = /力争|保障|确保|保证|开齐开足|至少/;
const PER_PERIOD = /每周|每月|每学期|每年度|每年|年均/;
const YEARLY_AMOUNT = /年[\u4e00-\u9fff“”]{0,8}(?:量|数|人次)\s*$/;
const CREATION = /创建|建成|新建|建设|培育|打造|认定|培养|新增|建立|命名/;
const COUNT_UNITS = new Set([
  '人次',
  '场次',
  '次',
  '场',
  '处',
  '个',
  '所',
  '家',
  '座',
  '名',
  '人',
  '支',
  '篇',
  '部',
  '项',
  '套',
  '本',
  '间',
  '台',
]);
const LEVELS: ReadonlyArray<[RegExp, string]> = [
  [/^国家级/, 'national'],
  [/^省级/, 'provincial'],
  [/^(?:市级|州级|地市级)/, 'city'],
  [/^(?:县级|区级|县区级)/, 'county'],
  [/^乡镇级/, 'township'],
  [/^村级/, 'village'],
];

/**
 * Words that make the number they govern a floor: a guarantee (保障, 确保, 保证, 开齐开足), an
 * aspiration (力争) or an explicit minimum (至少, 不少于, 不低于). A number governed by one of
 * them, with no comparator of its own, is read as `gte`: three classes where two are guaranteed
 * meet the target. A printed span under such a word (保障每周 2 至 3 节) guarantees its lower
 * figure.
 */
const FLOOR = /力争|保障|确保|保证|开齐开足|至少|不少于|不低于|不小于/;
/**
 * Finds the numeric targets and observed values in one paragraph (NFKC-normalised). A number
 * becomes a fact only when its clause or sentence gives it a meaning: a comparator word (达到,
 * 以上, 不低于, 超过 …), a period (每周, 每年, 年…量), or a deadline (到2025年). A number with a
 * year before `periodStart` and no deadline is an observation (a baseline candidate).
 */
export function extractNumericFacts(text: string, periodStart: number | undefined): NumericFact[] {
  const facts: NumericFact[] = [];
  const sentence = /[^。!?！？]+/g;
  for (let s = sentence.exec(text); s !== null; s = sentence.exec(text)) {
    const sText = s[0];
    if (!/\d/.test(sText)) continue;
    let carriedWord = '';
    let deadline: number | undefined;
    let observedYear: number | undefined;
    let topic = '';
    let creating = false;
    const clause = /[^,，;；]+/g;
    for (let c = clause.exec(sText); c !== null; c = clause.exec(sText)) {
      const cText = c[0];
      const cStart = s.index + c.index;
      const d = DEADLINE.exec(cText);
      const dYear = d ? Number(d[1] ?? d[2]) : undefined;
      if (dYear !== undefined) deadline = dYear;
      const y = d ? null : YEAR.exec(cText);
      if (y && !/\d{4}\s*[-—–~至到]\s*$/.test(cText.slice(0, y.index))) {
        const year = Number(y[1]);
        if (periodStart === undefined || year < periodStart) observedYear = year;
      }
      const quoted = /“([^”]{1,20})”/.exec(cText);
      if (quoted) topic = `“${quoted[1]}”`;
      NUMBER.lastIndex = 0;
      for (let m = NUMBER.exec(cText); m !== null; m = NUMBER.exec(cText)) {
        const unitWord = m[5];
        const scaleWord = m[4];
        if (unitWord === undefined && scaleWord === undefined) continue;
        // A year (2025年), a period (2022—2025) or a date is not a quantity.
        const after = cText.slice(m.index + m[0].length);
        if (/^\s*(?:年|月|日|号|周岁)/.test(after) && unitWord === undefined) continue;
        const before = cText.slice(0, m.index);
        const scale = scaleWord ? (SCALE[scaleWord] ?? 1) : 1;
        const low = Number(m[1]) * scale;
        const high = m[3] !== undefined ? Number(m[3]) * scale : low;
        const perPeriod = PER_PERIOD.exec(before);
        const yearlyAmount = YEARLY_AMOUNT.test(before);
        let op: NumericFact['op'] | undefined;
        const words: string[] = [];
        for (const [re, o] of BEFORE) {
          const w = re.exec(before);
          if (w) {
            op = o;
            words.push(w[0]);
            break;
          }
        }
        for (const [re, o] of AFTER) {
          const w = re.exec(after);
          if (w) {
            op = o;
            words.push(w[0].trim());
            break;
          }
        }
        const ownCarry = CARRIED.exec(before);
        if (ownCarry && !words.includes(ownCarry[0])) words.unshift(ownCarry[0]);
        const isRange = m[3] !== undefined;
        let wordCarried = false;
        let wordMissing = false;
        if (isRange) {
          const span = m[0].replace(/\s+/g, '').replace(/^(\d+(?:\.\d+)?)[-~—–]/, '$1至');
          // A span under a floor word (own, or carried from an earlier clause) guarantees its
          // lower figure; a bare span (控制在 2 至 3 个) is an inclusive range.
          const floor = words.find((w) => FLOOR.test(w)) ?? (op === 'gte' ? words[0] : undefined);
          if (floor !== undefined) {
            op = 'gte';
            words.splice(0, words.length, floor, span);
          } else if (FLOOR.test(carriedWord)) {
            op = 'gte';
            words.splice(0, words.length, carriedWord, span);
            wordCarried = true;
          } else {
            op = 'range';
            words.splice(0, words.length, span);
          }
        } else if (op === undefined && words.length > 0) {
          op = 'gte';
        } else if (op === undefined && carriedWord !== '') {
          op = 'gte';
          words.push(carriedWord);
          wordCarried = true;
        }
        const hasMeaning = op !== undefined || perPeriod !== null || yearlyAmount || deadline !== undefined;
        if (!hasMeaning) continue;
        const observation = deadline === undefined && observedYear !== undefined && !perPeriod && !yearlyAmount;
        if (op === undefined) {
          op = 'gte';
          wordMissing = true;
        }
        const unitBase = unitWord ?? '';
        const unit =
          perPeriod?.[0] === '每周' ? `${unitBase}/周` : perPeriod?.[0] === '每月' ? `${unitBase}/月` : unitBase;
        const cadence: Cadence =
          perPeriod || yearlyAmount
            ? 'every-year'
            : /累计/.test(before) || (COUNT_UNITS.has(unitBase) && (creating || CREATION.test(before)))
              ? 'cumulative-by-deadline'
              : 'by-deadline';
        const subjectBefore = before
          .replace(DEADLINE, '')
          .replace(/(?<!\d)\d{4}\s*年(?:底|末)?/g, '')
          .replace(/^\s*(?:力争实现|力争|保障|确保|保证|实现|使)\s*/, '')
          .replace(/^\s*(?:创建|建成|新建|建设|培育|打造|认定|新增|建立)\s*/, '')
          .replace(TRAILING_COMPARATOR, '')
          .replace(/(?:达到|为)\s*$/, '');
        const subjectAfter = after.replace(/^\s*(?:以上|以下|以内|左右)/, '');
        const subjectRaw = `${subjectBefore}${subjectAfter}`.replace(/\s+/g, '').replace(/^的/, '');
        let subject = subjectRaw;
        let level: NumericFact['level'];
        for (const [re, id] of LEVELS) {
          const lv = re.exec(subject);
          if (lv) {
            level = { id, name: lv[0] };
            subject = subject.slice(lv[0].length);
            break;
          }
        }
        if (topic !== '' && !subject.includes(topic) && yearlyAmount) subject = `${topic}${subject}`;
        if (subject === '') subject = cText.replace(/\s+/g, '');
        const cTrimStart = cStart + (cText.length - cText.trimStart().length);
        const cTrimEnd = cStart + cText.trimEnd().length;
        facts.push({
          kind: observation ? 'observation' : 'target',
          clauseStart: cTrimStart,
          clauseEnd: cTrimEnd,
          numberStart: cStart + m.index,
          numberEnd: cStart + m.index + m[0].trimEnd().length,
          op: observation ? 'eq' : op,
          value: low,
          max: high,
          word: words.join('…'),
          wordCarried,
          wordMissing: wordMissing && !observation,
          unit,
          year: observation ? observedYear : deadline,
          cadence,
          temporal: cadence === 'cumulative-by-deadline' || yearlyAmount ? 'flow' : 'stock',
          subject,
          level,
        });
      }
      // 力争/保障 and a creation verb govern the clauses that follow them in the sentence.
      const carry = CARRIED.exec(cText);
      if (carry) carriedWord = carry[0];
      if (CREATION.test(cText)) creating = true;
    }
  }
  return facts;
}
