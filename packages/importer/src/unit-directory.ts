import type { OrgUnitInput, OrgUnitKind } from '@kepu/core';
import { checkUnits, expectText } from './internal/check-arguments.js';
import { shortHash } from './internal/hash.js';
import { KNOWN_UNITS, kindFromName, knownUnitOf } from './unit-table.js';

/**
 * One name read from a unit list, with its offsets in the list's text.
 *
 * @example
 * ```ts
 * import { splitUnitList } from '@kepu/importer';
 * splitUnitList('县教育局、团县委').names[1]; // { name: '团县委', start: 5, end: 8, lead: false }
 * ```
 */
export interface ListedUnit {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  /** True when the name is marked （牵头） in a 责任单位 list. */
  readonly lead: boolean;
}

/** Characters a unit name usually ends with (局, 委, 部, 科协 …, 乡, 镇). */
const UNIT_END = /[局委部会办协联院校馆站心府队所处室团台社行司厂组科股庭厅署镇乡村区道位]$/;
const CONJUNCTION = /以及|及|和|与|同/g;
const OPEN_END = /等(?:有关|相关)?(?:部门|单位|成员单位|机构)?$/;
const LEAD_MARK = /[(（](?:牵头|主责|牵头单位|牵头部门)[)）]$/;

/**
 * Splits a printed list of units (`县教育局、团县委`, `县科协和县教育局等`) into names.
 *
 * Names are separated by 、 ， , ； ; / and spaces; 和, 及, 以及, 与 and 同 separate two names only
 * when both sides look like unit names (so 县人力资源和社会保障局 stays whole). A trailing
 * 等 / 等部门 / 等有关单位 is removed and reported as `openEnded`; a leading 由 or 会同 is removed;
 * a name marked （牵头） is returned with `lead: true`. Pure.
 *
 * @example
 * ```ts
 * import { splitUnitList } from '@kepu/importer';
 * const { names, openEnded } = splitUnitList('县科协和县教育局等');
 * names.map((n) => n.name); // ['县科协', '县教育局']
 * openEnded; // true
 * ```
 */
export function splitUnitList(text: string): { names: ListedUnit[]; openEnded: boolean } {
  expectText(text, ['text']);
  const names: ListedUnit[] = [];
  let openEnded = false;
  const re = /[^、,，;；/\s]+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    let start = m.index;
    let piece = m[0];
    const lead = LEAD_MARK.exec(piece);
    const isLead = lead !== null;
    if (lead) piece = piece.slice(0, lead.index);
    const open = OPEN_END.exec(piece);
    if (open && open.index > 0) {
      openEnded = true;
      piece = piece.slice(0, open.index);
    }
    const head = /^(?:由|会同|各有关|请)/.exec(piece);
    if (head && piece.length - head[0].length >= 2 && !/^各有关/.test(head[0])) {
      start += head[0].length;
      piece = piece.slice(head[0].length);
    }
    piece = piece.replace(/[。.:：)）]+$/, '');
    // Split on conjunctions only where both sides read as unit names.
    let offset = 0;
    CONJUNCTION.lastIndex = 0;
    for (let c = CONJUNCTION.exec(piece); c !== null; c = CONJUNCTION.exec(piece)) {
      const left = piece.slice(offset, c.index);
      const right = piece.slice(c.index + c[0].length);
      if (left.length >= 2 && UNIT_END.test(left) && right.length >= 2 && UNIT_END.test(right)) {
        names.push({ name: left, start: start + offset, end: start + c.index, lead: isLead });
        offset = c.index + c[0].length;
      }
    }
    const last = piece.slice(offset);
    if (last.length > 0) names.push({ name: last, start: start + offset, end: start + piece.length, lead: isLead });
  }
  return { names, openEnded };
}

/**
 * How a printed name was resolved.
 *
 * - `name`: equal to a directory unit's name, full name or alias (confidence 1);
 * - `table`: its core is in {@link KNOWN_UNITS} and the directory has the unit with that id or a
 *   name with the same core (confidence 0.9);
 * - `created`: not in the directory; a unit was created for it (confidence 0.9 when the table
 *   knows the department, 0.6 otherwise).
 *
 * @example
 * ```ts
 * import { createUnitDirectory } from '@kepu/importer';
 * createUnitDirectory().resolve('县科协').match; // 'created'
 * ```
 */
export interface UnitResolution {
  readonly id: string;
  readonly match: 'name' | 'table' | 'created';
  readonly confidence: number;
  /** True the first time a name creates its unit (where a caller reports it). */
  readonly isNew: boolean;
}

/**
 * The units known while importing one document: the directory given by the caller (a plan's
 * `orgUnits`, with names and aliases) and the units created for names it does not know.
 *
 * @example
 * ```ts
 * import { createUnitDirectory } from '@kepu/importer';
 * const dir = createUnitDirectory([{ id: 'cast', name: '县科协', aliases: ['正宁县科学技术协会'], kind: 'mass-organisation' }]);
 * dir.resolve('正宁县科学技术协会').id; // 'cast'
 * dir.resolve('县妇联').id; // 'womens-federation' (created)
 * dir.units.length; // 2
 * ```
 */
export interface UnitDirectory {
  /** Finds or creates the unit a printed name stands for. */
  resolve(printed: string): UnitResolution;
  /** The directory's units, then the created ones, in the order they were first named. */
  readonly units: readonly OrgUnitInput[];
  /** Ids of the units created by {@link UnitDirectory.resolve}. */
  readonly created: ReadonlySet<string>;
}

/** A name as the directory compares it: NFKC, without spaces or quotes. */
export function unitKey(name: string): string {
  return name.normalize('NFKC').replace(/[\s“”"'‘’《》]/g, '');
}

const GROUP_TAIL = /(?:的)?(?:各|全体)?成员(?:单位)?$/;

/**
 * Creates a {@link UnitDirectory} over the given units (none by default). Created units get the
 * id of their {@link KNOWN_UNITS} entry when the table knows the department and that id is free,
 * else `unit-` + a 7-character hash of the name (FNV-1a, base 36): the same name always gives the
 * same id, on every run and machine. A name such as `…领导小组各成员单位` resolves to the group
 * (`…领导小组`), created with id `leading-group` when absent.
 *
 * @example
 * ```ts
 * import { createUnitDirectory } from '@kepu/importer';
 * const dir = createUnitDirectory();
 * dir.resolve('县全民科学素质纲要实施工作领导小组各成员单位').id; // 'leading-group'
 * dir.resolve('县青少年宫').id; // 'unit-' + hash
 * ```
 */
export function createUnitDirectory(units: readonly OrgUnitInput[] = []): UnitDirectory {
  checkUnits(units, ['units']);
  const all: OrgUnitInput[] = units.map((u) => ({ ...u }));
  const byName = new Map<string, string>();
  const byTable = new Map<string, string>();
  const ids = new Set<string>();
  const created = new Set<string>();
  const cache = new Map<string, UnitResolution>();
  const addNames = (unit: OrgUnitInput) => {
    ids.add(unit.id);
    for (const name of [unit.name, unit.fullName, ...(unit.aliases ?? [])]) {
      if (name === undefined) continue;
      const key = unitKey(name);
      if (!byName.has(key)) byName.set(key, unit.id);
      const known = knownUnitOf(key);
      if (known && !byTable.has(known.id)) byTable.set(known.id, unit.id);
    }
  };
  for (const unit of all) {
    addNames(unit);
    if (knownIds.has(unit.id) && !byTable.has(unit.id)) byTable.set(unit.id, unit.id);
    if (unit.kind === 'group' && !byTable.has('leading-group')) byTable.set('leading-group', unit.id);
  }

  const create = (key: string, printed: string, kind: OrgUnitKind, preferred: string | undefined): string => {
    let id = preferred !== undefined && !ids.has(preferred) ? preferred : `unit-${shortHash(key)}`;
    while (ids.has(id)) id = `unit-${shortHash(`${id}/${key}`)}`;
    const unit: OrgUnitInput = {
      id,
      name: printed,
      kind,
      provenance: { kind: 'document', quote: printed },
      ...(kind === 'group' ? { members: [] } : {}),
    };
    all.push(unit);
    created.add(id);
    addNames(unit);
    if (preferred !== undefined && !byTable.has(preferred)) byTable.set(preferred, id);
    return id;
  };

  const alias = (id: string, printed: string) => {
    const unit = all.find((u) => u.id === id);
    if (!unit || !created.has(id)) return;
    const key = unitKey(printed);
    if (unitKey(unit.name) === key || (unit.aliases ?? []).some((a) => unitKey(a) === key)) return;
    unit.aliases = [...(unit.aliases ?? []), printed];
    byName.set(key, id);
  };

  const resolveKey = (key: string, printed: string): UnitResolution => {
    const exact = byName.get(key);
    if (exact !== undefined) return { id: exact, match: 'name', confidence: 1, isNew: false };

    if (GROUP_TAIL.test(key) || /领导小组|联席会议/.test(key)) {
      const base = key.replace(GROUP_TAIL, '');
      const baseExact = base === '' ? undefined : byName.get(base);
      if (baseExact !== undefined) return { id: baseExact, match: 'name', confidence: 1, isNew: false };
      const group = byTable.get('leading-group');
      if (group !== undefined) {
        alias(group, printed);
        return { id: group, match: 'table', confidence: 0.9, isNew: false };
      }
      const groupName = base === '' ? printed : printed.replace(GROUP_TAIL, '') || printed;
      const id = create(base || key, groupName, 'group', 'leading-group');
      if (groupName !== printed) alias(id, printed);
      return { id, match: 'created', confidence: 0.8, isNew: true };
    }

    const known = knownUnitOf(key);
    if (known) {
      const id = byTable.get(known.id);
      if (id !== undefined) {
        const isCreated = created.has(id);
        alias(id, printed);
        return isCreated
          ? { id, match: 'created', confidence: 0.9, isNew: false }
          : { id, match: 'table', confidence: 0.9, isNew: false };
      }
      return { id: create(key, printed, known.kind, known.id), match: 'created', confidence: 0.9, isNew: true };
    }
    return { id: create(key, printed, kindFromName(key), undefined), match: 'created', confidence: 0.6, isNew: true };
  };

  return {
    resolve(printed) {
      const key = unitKey(expectText(printed, ['printed']));
      const hit = cache.get(key);
      if (hit) return hit.isNew ? { ...hit, isNew: false } : hit;
      const result = resolveKey(key, printed.trim());
      cache.set(key, result);
      return result;
    },
    units: all,
    created,
  };
}

const knownIds = new Set(['leading-group', ...KNOWN_UNITS.map((u) => u.id)]);
