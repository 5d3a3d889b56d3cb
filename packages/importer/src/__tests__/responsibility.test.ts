import { describe, expect, it } from 'vitest';
import { parseResponsibility } from '../responsibility-text.js';
import { createUnitDirectory, splitUnitList } from '../unit-directory.js';
import { KNOWN_UNITS } from '../unit-table.js';

const names = (text: string) => splitUnitList(text).names.map((n) => n.name);
const roles = (text: string) => parseResponsibility(text)?.map((r) => [r.role, r.names.map((n) => n.name)]);

describe('splitUnitList', () => {
  it('splits on 、 ， , ； / and spaces, with offsets into the list', () => {
    const { names: listed } = splitUnitList('县教育局、团县委，县科协;县妇联 县残联');
    expect(listed.map((n) => n.name)).toEqual(['县教育局', '团县委', '县科协', '县妇联', '县残联']);
    for (const n of listed) expect('县教育局、团县委，县科协;县妇联 县残联'.slice(n.start, n.end)).toBe(n.name);
  });

  it('splits on 和/及/与 only between two unit names, so 县人力资源和社会保障局 stays whole', () => {
    expect(names('县人力资源和社会保障局')).toEqual(['县人力资源和社会保障局']);
    expect(names('县发展和改革局、县工业和信息化局')).toEqual(['县发展和改革局', '县工业和信息化局']);
    expect(names('县科协和县教育局')).toEqual(['县科协', '县教育局']);
    expect(names('县文旅局及县融媒体中心')).toEqual(['县文旅局', '县融媒体中心']);
  });

  it('removes 等 / 等有关部门 and reports the list as open-ended', () => {
    expect(splitUnitList('县教育局、团县委等')).toEqual({
      names: [
        { name: '县教育局', start: 0, end: 4, lead: false },
        { name: '团县委', start: 5, end: 8, lead: false },
      ],
      openEnded: true,
    });
    expect(splitUnitList('县科协等有关部门').names.map((n) => n.name)).toEqual(['县科协']);
    expect(splitUnitList('县科协').openEnded).toBe(false);
  });

  it('marks a name followed by （牵头） as the lead, and drops a leading 由', () => {
    const { names: listed } = splitUnitList('由县农业农村局(牵头)、县妇联');
    expect(listed.map((n) => [n.name, n.lead])).toEqual([
      ['县农业农村局', true],
      ['县妇联', false],
    ]);
  });
});

describe('parseResponsibility', () => {
  it('reads 牵头部门：/配合部门： lines, full- or half-width colon', () => {
    expect(roles('牵头部门：县教育局、团县委')).toEqual([['lead', ['县教育局', '团县委']]]);
    expect(roles('配合部门: 县全民科学素质纲要实施工作领导小组各成员单位')).toEqual([
      ['partner', ['县全民科学素质纲要实施工作领导小组各成员单位']],
    ]);
  });

  it('reads 牵头单位：…；配合单位：… on one line, and a 责任单位 list', () => {
    expect(roles('牵头单位：州教育局；配合单位：州科协、州科技局')).toEqual([
      ['lead', ['州教育局']],
      ['partner', ['州科协', '州科技局']],
    ]);
    expect(roles('责任单位：县教育局、县科协')).toEqual([['responsible', ['县教育局', '县科协']]]);
  });

  it('reads the verb forms: X牵头，Y等配合 / 以上任务由X牵头，Y配合 / X负责', () => {
    expect(roles('县科协牵头，县教育局等配合')).toEqual([
      ['lead', ['县科协']],
      ['partner', ['县教育局']],
    ]);
    expect(parseResponsibility('县科协牵头，县教育局等配合')?.[1]?.openEnded).toBe(true);
    expect(roles('以上任务由县科技局、县科协牵头，各成员单位配合')).toEqual([
      ['lead', ['县科技局', '县科协']],
      ['partner', ['各成员单位']],
    ]);
    expect(roles('各乡镇负责')).toEqual([['lead', ['各乡镇']]]);
  });

  it('gives the offsets of every name in the parsed text', () => {
    const text = '牵头单位：州教育局；配合单位：州科协';
    for (const role of parseResponsibility(text) ?? []) {
      for (const n of role.names) expect(text.slice(n.start, n.end)).toBe(n.name);
    }
  });

  it('is undefined for text that is not a responsibility statement', () => {
    expect(parseResponsibility('县科协要发挥综合协调作用')).toBeUndefined();
    expect(parseResponsibility('2022—2025年')).toBeUndefined();
    expect(parseResponsibility('乡镇农业农村综合服务中心要承担起牵头责任')).toBeUndefined();
    expect(parseResponsibility('职业教育')).toBeUndefined();
  });
});

describe('createUnitDirectory', () => {
  const directory = [
    {
      id: 'cast',
      name: '县科协',
      fullName: '正宁县科学技术协会',
      aliases: ['科协'],
      kind: 'mass-organisation' as const,
    },
    { id: 'leading-group', name: '县全民科学素质纲要实施工作领导小组', kind: 'group' as const, members: ['cast'] },
  ];

  it('resolves printed names, full names and aliases exactly (confidence 1)', () => {
    const dir = createUnitDirectory(directory);
    expect(dir.resolve('县科协')).toEqual({ id: 'cast', match: 'name', confidence: 1, isNew: false });
    expect(dir.resolve('正宁县科学技术协会').id).toBe('cast');
    expect(dir.resolve(' 县 科 协 ').id).toBe('cast');
  });

  it('matches other spellings of a directory unit through the department table (正宁县科协 → cast)', () => {
    const dir = createUnitDirectory(directory);
    expect(dir.resolve('庆阳市正宁县科协')).toMatchObject({ id: 'cast', match: 'table' });
    expect(dir.resolve('县全民科学素质纲要实施工作领导小组各成员单位')).toMatchObject({
      id: 'leading-group',
      match: 'name',
    });
    expect(dir.units).toHaveLength(2);
  });

  it('creates units it does not know: the table id when the department is known, else unit- and a stable hash', () => {
    const dir = createUnitDirectory(directory);
    expect(dir.resolve('县妇联')).toEqual({ id: 'womens-federation', match: 'created', confidence: 0.9, isNew: true });
    expect(dir.resolve('县妇联').isNew).toBe(false);
    const youthCentre = dir.resolve('县青少年活动中心');
    expect(youthCentre.id).toMatch(/^unit-[0-9a-z]{7}$/);
    expect(createUnitDirectory().resolve('县青少年活动中心').id).toBe(youthCentre.id);
    expect([...dir.created]).toEqual(['womens-federation', youthCentre.id]);
    expect(dir.units.find((u) => u.id === youthCentre.id)).toMatchObject({ name: '县青少年活动中心', kind: 'other' });
  });

  it('gives two names with the same table id one unit, keeping the second as an alias', () => {
    const dir = createUnitDirectory();
    expect(dir.resolve('县人社局').id).toBe('hr-social-security');
    expect(dir.resolve('县人力资源和社会保障局').id).toBe('hr-social-security');
    expect(dir.units).toEqual([
      expect.objectContaining({ id: 'hr-social-security', name: '县人社局', aliases: ['县人力资源和社会保障局'] }),
    ]);
  });

  it('reads the kind of a created unit from its name', () => {
    const dir = createUnitDirectory();
    const kindOf = (name: string) => {
      const { id } = dir.resolve(name);
      return dir.units.find((u) => u.id === id)?.kind;
    };
    expect(kindOf('县委宣传部')).toBe('party-department');
    expect(kindOf('团州委')).toBe('mass-organisation');
    expect(kindOf('县气象局')).toBe('government-department');
    expect(kindOf('山河镇')).toBe('township');
    expect(kindOf('县某某工作领导小组各成员单位')).toBe('group');
  });

  it('has table ids that are valid core ids and unique', () => {
    const ids = KNOWN_UNITS.map((u) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
  });
});
