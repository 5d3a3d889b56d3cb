import type { Span } from '../../span.js';
import type { Para } from '../paragraphs.js';
import type { SourceText } from '../source-text.js';
import { emitParts } from './emit.js';
import { inferGroupMembers } from './groups.js';
import { createStructureKit, type StructureContext } from './kit.js';
import type { AudienceInput, IndicatorInput, PartInput, PrincipleInput, TargetInput } from './outline.js';
import { createResolver } from './resolve.js';
import { scanOutline } from './scan.js';
import { buildTargets } from './targets.js';
import { readTaskTable } from './task-table.js';
import { buildUnnumberedTargets } from './unnumbered-targets.js';

export type { StructureContext } from './kit.js';

export interface BuiltPlan {
  readonly parts: PartInput[];
  readonly principles: PrincipleInput[];
  readonly audiences: AudienceInput[];
  readonly indicators: IndicatorInput[];
  readonly targets: TargetInput[];
  /** Where each unit is first named, with the words as printed. */
  readonly unitSources: ReadonlyMap<string, { span: Span; text: string }>;
}

/**
 * Builds the part → section → task/clause structure from the body's paragraphs, in four steps
 * a reader can follow file by file: scan (the outline and where each statement was printed),
 * resolve and emit (statements against the unit directory, and the plan's parts with their
 * tasks), targets (the numbers in the text), groups (members of a group the text does not list).
 */
export function buildStructure(src: SourceText, paras: readonly Para[], ctx: StructureContext): BuiltPlan {
  const kit = createStructureKit(src, ctx);
  const outline = scanOutline(kit, paras);
  const resolver = createResolver(kit);
  const { parts, audiences, principles } = emitParts(kit, resolver, outline.parts, readTaskTable(paras));
  const { indicators, targets } = buildTargets(kit, outline.textual);
  buildUnnumberedTargets(kit, outline.textual, indicators, targets);
  inferGroupMembers(kit, parts, resolver);
  return { parts, principles, audiences, indicators, targets, unitSources: resolver.firstRef };
}
