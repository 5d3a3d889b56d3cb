import type { PlanInput } from '@kepu/core';
import type { StatedRole } from '../../responsibility-text.js';
import type { Para } from '../paragraphs.js';

/**
 * The outline the scan builds from the body's paragraphs, before anything is resolved: parts,
 * sections, numbered items, and the responsibility statements in the places they were printed.
 * The emit step turns it into the plan's parts, sections, tasks and clauses.
 */
export type PartInput = PlanInput['parts'][number];
export type SectionInput = NonNullable<PartInput['sections']>[number];
export type TaskInput = NonNullable<SectionInput['tasks']>[number];
export type ClauseInput = NonNullable<SectionInput['clauses']>[number];
export type AudienceInput = NonNullable<PlanInput['audiences']>[number];
export type PrincipleInput = NonNullable<PlanInput['principles']>[number];
export type IndicatorInput = NonNullable<PlanInput['indicators']>[number];
export type TargetInput = NonNullable<PlanInput['targets']>[number];

/** One statement of responsibility: consecutive 牵头/配合 lines, or an inline （…） at a paragraph's end. */
export interface Block {
  readonly kind: 'lines' | 'inline';
  readonly entries: Array<{ para: Para; roles: StatedRole[] }>;
  /** Index of the item it follows in its section; -1 before any item. */
  readonly afterItem: number;
}

/** A node that text paragraphs (and the targets in them) belong to; `path` is its plan path. */
export interface Holder {
  path: string;
}

/** A paragraph of running text and the node it belongs to (re-homed when a section becomes a task). */
export interface TextEntry {
  readonly para: Para;
  holder: Holder;
}

export interface OutlineItem extends Holder {
  readonly para: Para;
  readonly printed: string;
  code: string;
  readonly paras: Para[];
  own: Block[];
  closed: boolean;
  /** For an unnumbered paragraph turned task. */
  unnumbered?: boolean;
}

export interface OutlineSection extends Holder {
  readonly para: Para | undefined;
  readonly code: string;
  readonly part: OutlinePart;
  readonly textParas: Para[];
  readonly items: OutlineItem[];
  readonly blocks: Block[];
  /** Section-level paragraphs with an inline responsibility of their own, in order. */
  readonly inlineParas: Array<{ para: Para; block: Block }>;
  /** The text entries the section itself holds (its heading and its text paragraphs): re-homed when it becomes a task. */
  readonly entries: TextEntry[];
  lastPrinted: number;
}

export interface OutlinePart extends Holder {
  readonly para: Para | undefined;
  readonly code: string;
  readonly textParas: Para[];
  readonly sections: OutlineSection[];
}
