import type { OrgUnitKind } from '@kepu/core';

/**
 * One entry of the built-in table of common county (prefecture, city) departments: the id the
 * importer gives the unit, its kind, and its names WITHOUT the jurisdiction in front
 * (`教育局` matches 县教育局, 正宁县教育局, 州教育局, 庆阳市教育局).
 *
 * @example
 * ```ts
 * import { KNOWN_UNITS } from '@kepu/importer';
 * KNOWN_UNITS.find((u) => u.id === 'cast')?.names; // ['科协', '科学技术协会']
 * ```
 */
export interface KnownUnit {
  readonly id: string;
  readonly kind: OrgUnitKind;
  readonly names: readonly string[];
}

/**
 * The built-in table of departments found in science-literacy plans. It is how the importer
 * makes readable, deterministic ids without a pinyin library: a printed name whose core (after
 * the jurisdiction: 县, 正宁县, 州 …) is in this table gets the table's id; any other name gets
 * `unit-` followed by a short hash of the name (see {@link createUnitDirectory}).
 *
 * The ids agree with the hand-curated Zhengning plan (education, cast, youth-league …), so a plan
 * imported without a directory still uses the same ids for the same departments.
 *
 * @example
 * ```ts
 * import { KNOWN_UNITS } from '@kepu/importer';
 * KNOWN_UNITS.length > 30; // true
 * ```
 */
export const KNOWN_UNITS: readonly KnownUnit[] = [
  { id: 'education', kind: 'government-department', names: ['教育局', '教育和体育局', '教育体育局', '教体局'] },
  { id: 'cast', kind: 'mass-organisation', names: ['科协', '科学技术协会'] },
  { id: 'propaganda', kind: 'party-department', names: ['委宣传部', '宣传部'] },
  { id: 'organisation', kind: 'party-department', names: ['委组织部', '组织部'] },
  { id: 'united-front', kind: 'party-department', names: ['委统战部', '统战部'] },
  { id: 'civilisation-office', kind: 'party-department', names: ['委文明办', '文明办', '精神文明建设办公室'] },
  { id: 'party-office', kind: 'party-department', names: ['委办公室', '委办'] },
  { id: 'party-school', kind: 'other', names: ['委党校', '党校'] },
  { id: 'science-tech', kind: 'government-department', names: ['科技局', '科学技术局'] },
  {
    id: 'agriculture',
    kind: 'government-department',
    names: ['农业农村局', '农业局', '农牧局', '农业农村委员会', '农业农村委'],
  },
  { id: 'trade-union', kind: 'mass-organisation', names: ['总工会'] },
  {
    id: 'hr-social-security',
    kind: 'government-department',
    names: ['人社局', '人力资源和社会保障局', '人力资源社会保障局', '人力资源与社会保障局'],
  },
  { id: 'civil-affairs', kind: 'government-department', names: ['民政局'] },
  {
    id: 'health',
    kind: 'government-department',
    names: ['卫健局', '卫生健康局', '卫生和健康局', '卫生健康委员会', '卫健委', '卫生局'],
  },
  { id: 'finance', kind: 'government-department', names: ['财政局'] },
  {
    id: 'industry-it',
    kind: 'government-department',
    names: ['工信局', '工业和信息化局', '工业信息化局', '工业和信息化委员会', '工信委'],
  },
  {
    id: 'development-reform',
    kind: 'government-department',
    names: ['发改局', '发展和改革局', '发展改革局', '发改委', '发展和改革委员会', '发展改革委'],
  },
  { id: 'emergency', kind: 'government-department', names: ['应急局', '应急管理局'] },
  { id: 'womens-federation', kind: 'mass-organisation', names: ['妇联', '妇女联合会'] },
  { id: 'disabled-persons', kind: 'mass-organisation', names: ['残联', '残疾人联合会'] },
  {
    id: 'culture-tourism',
    kind: 'government-department',
    names: ['文旅局', '文化和旅游局', '文化旅游局', '文化广电和旅游局', '文体广电和旅游局', '文化体育和旅游局'],
  },
  { id: 'ecology-environment', kind: 'government-department', names: ['生态环境局', '生态环境分局', '环保局'] },
  { id: 'natural-resources', kind: 'government-department', names: ['自然资源局', '自然资源和规划局'] },
  { id: 'market-regulation', kind: 'government-department', names: ['市场监管局', '市场监督管理局'] },
  { id: 'meteorology', kind: 'government-department', names: ['气象局'] },
  { id: 'forestry', kind: 'government-department', names: ['林业局', '林草局', '林业和草原局'] },
  { id: 'water', kind: 'government-department', names: ['水务局', '水利局'] },
  { id: 'housing', kind: 'government-department', names: ['住建局', '住房和城乡建设局'] },
  { id: 'justice', kind: 'government-department', names: ['司法局'] },
  { id: 'public-security', kind: 'government-department', names: ['公安局'] },
  { id: 'statistics', kind: 'government-department', names: ['统计局'] },
  { id: 'ethnic-religious', kind: 'government-department', names: ['民宗局', '民族宗教事务局', '民族宗教局'] },
  { id: 'veterans', kind: 'government-department', names: ['退役军人事务局'] },
  { id: 'transport', kind: 'government-department', names: ['交通运输局', '交通局'] },
  { id: 'commerce', kind: 'government-department', names: ['商务局'] },
  { id: 'rural-revitalisation', kind: 'government-department', names: ['乡村振兴局'] },
  { id: 'healthcare-security', kind: 'government-department', names: ['医疗保障局', '医保局'] },
  { id: 'sports', kind: 'government-department', names: ['体育局'] },
  { id: 'tax', kind: 'government-department', names: ['税务局'] },
  { id: 'government-office', kind: 'government-department', names: ['人民政府办公室', '政府办公室', '政府办'] },
  { id: 'media-centre', kind: 'other', names: ['融媒体中心'] },
  { id: 'science-museum', kind: 'other', names: ['科技馆'] },
  { id: 'radio-tv', kind: 'other', names: ['广播电视台', '广电局'] },
];

/** Table names, longest first, so that 委宣传部 wins over 宣传部. */
const BY_LENGTH = KNOWN_UNITS.flatMap((unit) => unit.names.map((name) => ({ name, unit }))).sort(
  (a, b) => b.name.length - a.name.length,
);

/** What may stand before a table name: nothing, or a jurisdiction (县, 正宁县, 庆阳市正宁县, 中共正宁县). */
const JURISDICTION = /^(?:中共)?(?:[\u4e00-\u9fff]{0,12}?(?:省|市|州|县|区|旗|盟))?$/;
const YOUTH_LEAGUE =
  /^(?:团(?:[\u4e00-\u9fff]{0,8}?)(?:县|市|州|区|旗)委|共青团[\u4e00-\u9fff]{0,12}?(?:县|市|州|区|旗)委(?:员会)?)$/;
const TOWNSHIPS = /^各(?:乡镇|乡\(镇\)|镇|乡|街道)(?:\(街道\))?(?:人民政府|政府)?$/;

/**
 * Finds the table entry for a name with whitespace removed; `undefined` when the name's core is
 * not in the table or what stands before it is not a jurisdiction.
 */
export function knownUnitOf(key: string): KnownUnit | undefined {
  if (YOUTH_LEAGUE.test(key)) return YOUTH;
  if (TOWNSHIPS.test(key)) return TOWNSHIP_LIST;
  for (const { name, unit } of BY_LENGTH) {
    if (key.endsWith(name) && JURISDICTION.test(key.slice(0, key.length - name.length))) return unit;
  }
  return undefined;
}

const YOUTH: KnownUnit = { id: 'youth-league', kind: 'mass-organisation', names: ['团县委'] };
const TOWNSHIP_LIST: KnownUnit = { id: 'townships', kind: 'other', names: ['各乡镇'] };

/** A unit's kind guessed from how its name ends, for names that are not in the table. */
export function kindFromName(key: string): OrgUnitKind {
  if (/领导小组|联席会议|成员单位$/.test(key)) return 'group';
  if (/委[\u4e00-\u9fff]{1,4}部$/.test(key)) return 'party-department';
  if (/科协|工会|妇联|残联|文联|侨联|工商联|红十字会|团[\u4e00-\u9fff]{0,8}委$/.test(key)) return 'mass-organisation';
  if (!key.startsWith('各') && /[\u4e00-\u9fff](?:乡|镇|街道)(?:人民政府|政府)?$/.test(key)) return 'township';
  if (/(?:局|委|办|办公室|厅|委员会|署)$/.test(key)) return 'government-department';
  return 'other';
}
