import { describe, expect, it } from 'vitest';
import type { AssessmentScheme } from '../../assessment/scheme.js';
import { fixtureInput, plan } from '../../engine/__tests__/fixture.js';
import { parsePlan } from '../../validate.js';
import { assessedUnits } from '../assessed-units.js';

const sheet = (orgUnitKinds: string[], include: string[] = [], exclude: string[] = []) => ({
  members: { orgUnitKinds, include, exclude },
});
const schemeOf = (...sheets: ReturnType<typeof sheet>[]) => ({ sheets }) as unknown as Pick<AssessmentScheme, 'sheets'>;

describe('assessedUnits: one definition of the units a plan assesses', () => {
  it('without a scheme: the townships and the leading group’s members, as the assessment safeguard says', () => {
    expect([...assessedUnits(plan)]).toEqual([
      'shanhe',
      'yonghe',
      'education',
      'youth-league',
      'cast',
      'propaganda',
      'science-tech',
    ]);
  });

  it('without a scheme or an assessment safeguard: every unit that is not a group', () => {
    const bare = parsePlan({
      ...fixtureInput,
      safeguards: fixtureInput.safeguards.filter((s) => s.kind !== 'assessment'),
    });
    expect(assessedUnits(bare).has('leading-group')).toBe(false);
    expect(assessedUnits(bare).size).toBe(plan.orgUnits.length - 1);
  });

  it('without a named group: every unit that leads a task counts as a member unit', () => {
    const assessment = fixtureInput.safeguards.find((s) => s.kind === 'assessment');
    const noGroup = parsePlan({
      ...fixtureInput,
      safeguards: [{ ...(assessment as NonNullable<typeof assessment>), assessed: ['member-unit'] }],
    });
    expect([...assessedUnits(noGroup)].sort()).toEqual([
      'cast',
      'education',
      'propaganda',
      'science-tech',
      'youth-league',
    ]);
  });

  it('with a scheme: exactly the units its sheets assess, whatever the safeguards say', () => {
    const townshipsOnly = schemeOf(sheet(['township']));
    expect([...assessedUnits(plan, townshipsOnly)]).toEqual(['shanhe', 'yonghe']);
    const withInclude = schemeOf(sheet(['township'], ['cast'], ['yonghe']), sheet(['government-department']));
    expect([...assessedUnits(plan, withInclude)]).toEqual(['cast', 'shanhe', 'education', 'science-tech']);
  });

  it('returns a new set each time, so a caller may change it', () => {
    const a = assessedUnits(plan);
    a.delete('shanhe');
    expect(assessedUnits(plan).has('shanhe')).toBe(true);
  });
});
