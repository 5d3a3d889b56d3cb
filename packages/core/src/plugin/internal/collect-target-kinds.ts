import type { KepuPlugin } from '../plugin.js';
import type { TargetKindDefinition } from '../target-kind.js';
import { HOST, type LoadProblems, Owners } from './problems.js';

/** One definition per target-kind id across the host and all plugins, in load order. */
export class TargetKindContributions {
  readonly #kinds: Array<{ readonly kind: TargetKindDefinition; readonly owner: string }> = [];

  constructor(hostKinds: readonly TargetKindDefinition[], ordered: readonly KepuPlugin[], problems: LoadProblems) {
    const owners = new Owners('target kind');
    for (const kind of hostKinds) {
      owners.claim(kind.id, HOST, []);
      this.#kinds.push({ kind, owner: HOST });
    }
    for (const plugin of ordered) {
      for (const [i, kind] of (plugin.targetKinds ?? []).entries()) {
        const conflict = owners.claim(kind.id, plugin.id, ['plugins', plugin.id, 'targetKinds', i]);
        if (conflict) problems.blame(plugin.id, [conflict]);
        else this.#kinds.push({ kind, owner: plugin.id });
      }
    }
  }

  /** The kinds defined by the host and by the plugins not in `excluded`. */
  available(excluded: ReadonlySet<string>): TargetKindDefinition[] {
    return this.#kinds.filter((k) => !excluded.has(k.owner)).map((k) => k.kind);
  }
}
