import type { RecordKind } from './command-definition.js';
import { copyIndex, noteWrite } from './record-index.js';
import type { EngineState } from './state.js';

type Collection = Record<string, unknown>;
type Kind = RecordKind | 'assessments';
const KINDS: readonly Kind[] = ['reports', 'findings', 'awards', 'incidents', 'targetReviews', 'assessments'];

/**
 * The state while commands are decided: a copy-on-write view of a frozen {@link EngineState}.
 *
 * A collection is copied the first time a command writes to it, and written in place from then
 * on, so a batch of commands costs one copy of each collection it changes plus the work of each
 * command — not a copy per command, as producing a new immutable state per command would.
 * `snapshot()` freezes what is there into a state that may be handed out; a write after it copies
 * again.
 */
export class WorkingState {
  /** The state as it stands: read from it, never keep it (its collections change in place). */
  readonly view: { -readonly [K in keyof EngineState]: EngineState[K] };
  private readonly copied = new Set<Kind>();
  private frozen: EngineState | undefined;

  constructor(base: EngineState) {
    this.view = { ...base };
    this.frozen = base;
  }

  /** Moves the version on. */
  setVersion(version: number): void {
    if (this.view.version === version) return;
    this.view.version = version;
    this.frozen = undefined;
  }

  /** Puts (or, with `undefined`, deletes) one record. */
  write(kind: Kind, id: string, value: unknown): void {
    let collection = this.view[kind] as Collection;
    if (!this.copied.has(kind)) {
      const copy: Collection = { ...collection };
      copyIndex(collection, copy);
      (this.view as Record<Kind, Collection>)[kind] = copy;
      this.copied.add(kind);
      collection = copy;
    }
    const before = collection[id];
    if (value === undefined) delete collection[id];
    else collection[id] = value;
    noteWrite(kind, collection, id, before, value);
    this.frozen = undefined;
  }

  /** The state as it stands, frozen (the same object until the next write). */
  snapshot(): EngineState {
    if (this.frozen) return this.frozen;
    for (const kind of this.copied) Object.freeze(this.view[kind]);
    this.copied.clear();
    this.frozen = Object.freeze({ ...this.view });
    return this.frozen;
  }

  /**
   * A small state with the version and only the named records, for a command's immer recipe: its
   * patches are the ones the whole state would give, since immer's patches name only what changed.
   */
  slice(records: ReadonlyArray<readonly [Kind, string]>): EngineState {
    const out: Record<string, unknown> = { version: this.view.version };
    for (const kind of KINDS) out[kind] = {};
    for (const [kind, id] of records) {
      const collection = this.view[kind] as Collection;
      if (Object.hasOwn(collection, id)) (out[kind] as Collection)[id] = collection[id];
    }
    return out as unknown as EngineState;
  }

  /** Takes what a recipe made of a slice back into the state. */
  absorb(slice: EngineState, next: EngineState): void {
    this.setVersion(next.version);
    for (const kind of KINDS) {
      const was = slice[kind] as Collection;
      const now = next[kind] as Collection;
      if (was === now) continue;
      for (const id in was) if (!Object.hasOwn(now, id)) this.write(kind, id, undefined);
      for (const id in now) if (now[id] !== was[id]) this.write(kind, id, now[id]);
    }
  }
}
