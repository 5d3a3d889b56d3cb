import { type Actor, createEngine, type Engine, type EngineEvents } from '@kepu/core';
import { zhengning } from '@kepu/plan-zhengning';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayReadEvent } from '../src/index.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ plugins: [zhengning()], watch: false });
});
afterAll(async () => {
  await engine.dispose();
});

const reporter = (unit: string): Actor => ({ id: `r.${unit}`, role: 'reporter', unit });
const plan = () => [...engine.plans.keys()][0] ?? '';

describe('mayReadEvent beyond reports', () => {
  it('a report deadline reaches its own unit and the roles that read every unit, not another unit', () => {
    const due: EngineEvents['deadline:approaching'] = {
      kind: 'report',
      plan: plan(),
      task: '3.1.1',
      unit: 'health',
      period: '2024',
      dueDate: '2025-01-15',
      daysLeft: 7,
    };
    const reads = (actor: Actor) => mayReadEvent(engine.plans, [actor], 'deadline:approaching', due);
    expect(reads(reporter('health'))).toBe(true);
    expect(reads(reporter('education'))).toBe(false);
    expect(reads({ id: 'lr', role: 'lead-reviewer', unit: 'education' })).toBe(false);
    expect(reads({ id: 'o', role: 'observer' })).toBe(true);
    expect(reads({ id: 'po', role: 'plan-office' })).toBe(true);
    // Any one of a person's bindings is enough.
    expect(mayReadEvent(engine.plans, [reporter('education'), reporter('health')], 'deadline:approaching', due)).toBe(
      true,
    );
  });

  it("a binding limited to another plan reads none of this plan's target or deadline events", () => {
    const elsewhere: Actor = { id: 'po', role: 'plan-office', plan: 'another-plan' };
    const due: EngineEvents['deadline:approaching'] = {
      kind: 'target',
      plan: plan(),
      target: 'x',
      dueDate: '2025-12-31',
      daysLeft: 30,
      status: 'on-track',
    };
    expect(mayReadEvent(engine.plans, [elsewhere], 'deadline:approaching', due)).toBe(false);
    expect(mayReadEvent(engine.plans, [{ ...elsewhere, plan: plan() }], 'deadline:approaching', due)).toBe(true);
  });
});
