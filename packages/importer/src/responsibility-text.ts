import { expectText } from './internal/check-arguments.js';
import { type ListedUnit, splitUnitList } from './unit-directory.js';

/**
 * One role stated in a responsibility text: who leads (牵头), who partners (配合), or who is
 * responsible without the two being told apart (责任单位).
 *
 * @example
 * ```ts
 * import { parseResponsibility } from '@kepu/importer';
 * parseResponsibility('牵头部门：县教育局、团县委')?.[0]?.role; // 'lead'
 * ```
 */
export interface StatedRole {
  readonly role: 'lead' | 'partner' | 'responsible';
  /** The label or verb as printed: 牵头部门, 配合单位, 牵头, 等配合 … */
  readonly word: string;
  /** The names, with offsets in the parsed text. */
  readonly names: readonly ListedUnit[];
  /** True when the list ends with 等. */
  readonly openEnded: boolean;
  /** Offsets of the whole role (label and list) in the parsed text. */
  readonly start: number;
  readonly end: number;
}

const LABEL =
  /(牵头(?:部门|单位)?|配合(?:部门|单位)?|协办(?:部门|单位)?|参与(?:部门|单位)?|协助(?:部门|单位)?|(?:主要)?责任(?:部门|单位|主体))\s*[:：]/g;

function roleOfWord(word: string): StatedRole['role'] {
  if (word.startsWith('牵头')) return 'lead';
  if (/^(?:主要)?责任/.test(word)) return 'responsible';
  return 'partner';
}

/** Whether a name reads like a unit: what a verb-form statement must list to count as one. */
function unitLike(name: string): boolean {
  // The tail of a sentence run into a bracket (…能力。(县农业农村局) is never a unit's name.
  if (/[。！？!?()（）:：“”"]/.test(name)) return false;
  return /[局委部会办协联院校馆站心府队所处室团台社行司厂组股庭厅署镇乡村区道位]$/.test(name) && name.length <= 40;
}

const LEAD_VERB = /^(?:以上(?:任务|工作)?|上述(?:任务|工作)?)?(?:由)?(.+?)(牵头负责|牵头落实|牵头|负责落实|负责|主责)$/;
const PARTNER_VERB = /^(.+?)(等(?:单位|部门)?)?(协同配合|共同配合|配合落实|配合|参与|协助|协办|按职责分工负责)$/;

/**
 * Reads the responsibility statement of a plan: the labelled forms (`牵头部门：…`,
 * `配合单位：…`, `牵头单位：…；配合单位：…`, `责任单位：…`) and the verb forms
 * (`县科协牵头，县教育局等配合`, `以上任务由县科协牵头，各成员单位配合`). The text is one line,
 * or the inside of the brackets of an inline statement, NFKC-normalised. Returns `undefined`
 * when the text is not a responsibility statement. Pure.
 *
 * @example
 * ```ts
 * import { parseResponsibility } from '@kepu/importer';
 * const roles = parseResponsibility('县科协牵头，县教育局等配合');
 * roles?.map((r) => [r.role, r.names.map((n) => n.name)]); // [['lead', ['县科协']], ['partner', ['县教育局']]]
 * ```
 */
export function parseResponsibility(text: string): StatedRole[] | undefined {
  expectText(text, ['text']);
  const lead = /^\s*[(（]?\s*/.exec(text);
  const from = lead ? lead[0].length : 0;
  LABEL.lastIndex = from;
  const first = LABEL.exec(text);
  if (first && first.index === from) return labelled(text, first);
  return verbForm(text);
}

function labelled(text: string, first: RegExpExecArray): StatedRole[] {
  const roles: StatedRole[] = [];
  const labels: RegExpExecArray[] = [first];
  for (let m = LABEL.exec(text); m !== null; m = LABEL.exec(text)) labels.push(m);
  labels.forEach((label, i) => {
    const listStart = label.index + label[0].length;
    const next = labels[i + 1];
    let listEnd = next ? next.index : text.length;
    // Drop what separates this list from the next label or closes the statement.
    while (listEnd > listStart && /[\s;；。.,，)）]/.test(text[listEnd - 1] as string)) listEnd--;
    const list = text.slice(listStart, listEnd);
    const { names, openEnded } = splitUnitList(list);
    const word = label[1] as string;
    roles.push({
      role: roleOfWord(word),
      word,
      names: names.map((n) => ({ ...n, start: n.start + listStart, end: n.end + listStart })),
      openEnded,
      start: label.index,
      end: listEnd,
    });
  });
  return roles;
}

function verbForm(text: string): StatedRole[] | undefined {
  const roles: StatedRole[] = [];
  const re = /[^,，;；]+/g;
  let sawLead = false;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const raw = m[0];
    const trimmed = raw.replace(/^[\s(（]+/, '');
    const at = m.index + (raw.length - trimmed.length);
    const clause = trimmed.replace(/[\s。.)）]+$/, '');
    if (clause === '') continue;
    const l = LEAD_VERB.exec(clause);
    const p = l ? null : PARTNER_VERB.exec(clause);
    const match = l ?? p;
    if (!match) return undefined;
    let list = match[1] as string;
    let listAt = at;
    const by = /^(?:以上(?:任务|工作)?|上述(?:任务|工作)?)?由?/.exec(clause);
    if (l && by && by[0].length > 0 && clause.startsWith(by[0])) {
      listAt = at + by[0].length;
      list = clause.slice(by[0].length, by[0].length + list.length);
    }
    const { names, openEnded } = splitUnitList(list);
    if (names.length === 0 || !names.every((n) => unitLike(n.name))) return undefined;
    const verb = l ? (l[2] as string) : `${p?.[2] ?? ''}${p?.[3] ?? ''}`;
    const role: StatedRole['role'] = l ? 'lead' : verb.endsWith('按职责分工负责') ? 'responsible' : 'partner';
    if (role === 'lead' || role === 'responsible') sawLead = true;
    roles.push({
      role,
      word: verb,
      names: names.map((n) => ({ ...n, start: n.start + listAt, end: n.end + listAt })),
      openEnded: openEnded || (p?.[2] !== undefined && p[2] !== ''),
      start: at,
      end: at + clause.length,
    });
  }
  return sawLead && roles.length > 0 ? roles : undefined;
}
