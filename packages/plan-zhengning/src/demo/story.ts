import type { Actor, CommandInput } from '@kepu/core';
import type { DemoProgress } from './history.js';
import type { Random } from './random.js';

/** The phases of a year of the story, in the order they usually happen. */
export type Phase = DemoProgress['phase'];

/** A command without its base version, which is read from the engine when the step runs. */
export type Draft = CommandInput extends infer C ? (C extends unknown ? Omit<C, 'baseVersion'> : never) : never;

/** One moment of the story: an actor runs one command (or one batch) at an instant. */
export interface Step {
  readonly at: string;
  readonly year: number;
  readonly phase: Phase;
  readonly actor: Actor;
  readonly commands: readonly Draft[];
}

/**
 * A step of one command. Arguments are evaluated left to right, so an `at` drawn from the
 * generator is drawn before anything the command itself draws, as in the story's fixed order.
 */
export function stepOf(at: string, year: number, phase: Phase, actor: Actor, command: Draft): Step {
  return { at, year, phase, actor, commands: [command] };
}

/** A report a unit owes each year: on a task it leads, or its yearly summary (`task: null`). */
export interface Obligation {
  readonly unit: string;
  readonly task: string | null;
}

/** The id of a unit's report on a task (or its summary) for a year; `suffix` names a second filing. */
export function reportId(year: number, o: Obligation, suffix = ''): string {
  return `r${year}-${o.unit}-${o.task === null ? 'summary' : `t${o.task.replaceAll('.', '-')}`}${suffix}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar date (`YYYY-MM-DD`) `days` after another. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** An instant in China Standard Time, in working hours. Draws one number from `random`. */
export function during(random: Random, date: string): string {
  const minutes = random.int(8 * 60 + 30, 17 * 60 + 30);
  return `${date}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00+08:00`;
}

export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/** Scores are given in half points, as the inspectors write them. */
export const half = (x: number) => Math.round(x * 2) / 2;
