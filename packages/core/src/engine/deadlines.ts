import type { Clock } from './engine-options.js';
import { obligationsOf } from './obligations.js';
import { daysBetween, localDate, type ResolvedReporting, reportDueDate } from './period.js';
import type { EngineRuntime } from './runtime.js';
import { watchTargets } from './target-watch.js';

/**
 * Creates the engine's `tick()`: emits `deadline:approaching` for each expected report due within
 * the horizon and not in, and each target whose deadline falls within it and is not achieved —
 * each once per engine.
 */
export function createTick(runtime: EngineRuntime, reporting: ResolvedReporting, clock: Clock): () => void {
  const announced = new Set<string>();
  const { plans, context } = runtime.wiring;
  return () => {
    const { state } = runtime;
    const emit = runtime.listeners.emit;
    const today = localDate(clock.now(), reporting.timeZoneOffsetMinutes);
    const inside = (due: string) => {
      const left = daysBetween(today, due);
      return left >= 0 && left <= reporting.horizonDays ? left : undefined;
    };
    const once = (key: string) => !announced.has(key) && Boolean(announced.add(key));
    for (const plan of plans.values()) {
      const filed = new Set(
        Object.values(state.reports)
          .filter((r) => r.plan === plan.id && (r.status === 'submitted' || r.status === 'approved'))
          .map((r) => `${r.task ?? ''}\u0000${r.unit}\u0000${r.period}`),
      );
      for (const o of obligationsOf(plan, reporting)) {
        const dueDate = reportDueDate(o.period, reporting);
        const daysLeft = inside(dueDate);
        if (daysLeft === undefined || filed.has(`${o.task ?? ''}\u0000${o.unit}\u0000${o.period}`)) continue;
        if (!once(`report\u0000${plan.id}\u0000${o.task ?? ''}\u0000${o.unit}\u0000${o.period}`)) continue;
        emit('deadline:approaching', { kind: 'report', ...o, dueDate, daysLeft });
      }
      const watches = watchTargets(plan, state, undefined, context.targetWatch?.(plan.id));
      for (const target of plan.targets) {
        const dueDate = target.deadline.date ?? `${target.deadline.year}-12-31`;
        const daysLeft = inside(dueDate);
        const status = watches.get(target.id)?.status ?? 'no-data';
        if (daysLeft === undefined || status === 'achieved') continue;
        if (!once(`target\u0000${plan.id}\u0000${target.id}`)) continue;
        emit('deadline:approaching', { kind: 'target', plan: plan.id, target: target.id, dueDate, daysLeft, status });
      }
    }
  };
}
