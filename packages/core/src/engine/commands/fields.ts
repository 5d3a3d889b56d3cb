import { z } from 'zod';
import { IdSchema } from '../../org-unit.js';

// Every number an official types must be finite and not negative: zod 4 already refuses NaN and
// ±Infinity for z.number(); the bounds below refuse negative counts and absurd sizes.
export const Count = z.number().nonnegative();
export const Text = (max: number) => z.string().trim().min(1).max(max);
export const Year = z.string().regex(/^\d{4}$/, 'an assessment period is a year, such as 2024');

/** The version of the engine state the caller saw when it built the command. */
const BaseVersion = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** Fields of every command. */
export const Base = {
  /** The engine state version the command was built on (`engine.getSnapshot().version`). */
  baseVersion: BaseVersion,
};
/** Commands that create something name the plan; it may be left out when the engine has one plan. */
export const InPlan = { ...Base, plan: IdSchema.optional() };

const scoreFields = { score: Count.max(1_000), outOf: z.number().positive().max(1_000) };
const notAbove = (s: { score: number; outOf: number }) => s.score <= s.outOf;
const above = () => ({ message: 'score is above outOf', path: ['score'] });
/** A score out of a maximum, never above it. */
export const Score = z.strictObject(scoreFields).refine(notAbove, above());
/** A score of an item of the scheme out of a maximum, never above it. */
export const ItemScore = z.strictObject({ item: IdSchema, ...scoreFields }).refine(notAbove, above());
