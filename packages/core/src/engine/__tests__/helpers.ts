import { expect } from 'vitest';
import { isKepuError } from '../../errors.js';
import { createMemoryStore, type MemoryStore } from '../../store/memory.js';
import type { Actor } from '../actor.js';
import { createEngine, type Engine, type EngineOptions } from '../engine.js';
import type { AssessmentRunner } from '../transition.js';
import { actors, manualClock, plan } from './fixture.js';

/** A stand-in assessment: counts approved reports, so a run's result depends on the state. */
export const countingAssessment: AssessmentRunner = ({ plan: p, period, state }) => {
  const approved = Object.values(state.reports).filter((r) => r.plan === p.id && r.status === 'approved').length;
  return { scorecard: { plan: p.id, period, approved }, inputsHash: `count:${approved}` };
};

export async function setup(options: Partial<EngineOptions> = {}): Promise<{
  engine: Engine;
  store: MemoryStore;
  clock: ReturnType<typeof manualClock>;
}> {
  const store = (options.store as MemoryStore | undefined) ?? createMemoryStore();
  const clock = manualClock();
  const engine = await createEngine({ plans: [plan], store, clock, assessment: countingAssessment, ...options });
  return { engine, store, clock };
}

/** Runs a command and returns the error code it was denied with (or 'accepted'). */
export async function outcome(engine: Engine, actor: Actor | string, command: unknown): Promise<string> {
  try {
    await engine.execute(actor, command);
    return 'accepted';
  } catch (error) {
    if (!isKepuError(error)) throw error;
    return error.code;
  }
}

export function submit(
  engine: Engine,
  actor: Actor = actors.eduReporter,
  extra: Record<string, unknown> = {},
): Promise<string> {
  return engine
    .execute(actor, {
      type: 'submit-report',
      baseVersion: engine.getSnapshot().version,
      task: '3.1.2',
      period: '2024',
      narrative: '二年级每周开设2节科学课。',
      observations: [{ target: 'science-classes-grade-2', value: 2 }],
      ...extra,
    })
    .then((r) => r.target.id);
}

export function act(engine: Engine, actor: Actor, command: Record<string, unknown>) {
  return engine.execute(actor, { baseVersion: engine.getSnapshot().version, ...command });
}

/** Asserts that running `fn` denies with `code`, changes no state and no record, and logs the denial. */
export async function expectDenied(
  engine: Engine,
  store: MemoryStore,
  code: string,
  fn: () => Promise<unknown>,
): Promise<void> {
  const before = engine.getSnapshot();
  const records = JSON.stringify([...store.data.records.entries()]);
  const logged = store.data.audit.length;
  let caught: unknown;
  try {
    await fn();
  } catch (error) {
    caught = error;
  }
  expect(isKepuError(caught), `expected a KepuError ${code}, got ${String(caught)}`).toBe(true);
  expect((caught as { code: string }).code).toBe(code);
  expect(engine.getSnapshot()).toBe(before);
  expect(JSON.stringify([...store.data.records.entries()])).toBe(records);
  expect(store.data.audit.length).toBe(logged + 1);
  const entry = store.data.audit.at(-1);
  expect(entry?.outcome).toBe('denied');
  expect(entry?.error?.code).toBe(code);
  expect(entry?.patches).toEqual([]);
}
