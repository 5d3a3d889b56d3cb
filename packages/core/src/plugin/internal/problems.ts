import { createIssue, type KepuIssue } from '../../errors.js';

/** The owner named for what the host itself passed to `loadPlugins` (never skipped). */
export const HOST = '(host)';

/**
 * Issues found while loading, and the plugins they make bad. Every phase of `loadPlugins` writes
 * here, so "report it and leave the plugin out" is said once.
 */
export class LoadProblems {
  readonly issues: KepuIssue[] = [];
  readonly bad = new Set<string>();

  /** Records issues against a plugin and marks it bad; the host is reported but never left out. */
  blame(owner: string, issues: readonly KepuIssue[]): void {
    this.issues.push(...issues);
    if (owner !== HOST) this.bad.add(owner);
  }
}

/** Issues from a validator, moved under the plugin part they came from and naming the plugin. */
export function prefixed(
  issues: readonly KepuIssue[],
  prefix: ReadonlyArray<string | number>,
  plugin: string,
): KepuIssue[] {
  return issues.map((issue) => ({ ...issue, path: [...prefix, ...issue.path], params: { ...issue.params, plugin } }));
}

/**
 * Who defined each id of one kind (plan, scheme, target kind, unit): the first claim wins, and
 * a second one is a `plugin-conflict` issue naming both owners.
 */
export class Owners {
  readonly #owners: Map<string, string>;

  constructor(
    /** How the id's kind reads in a message: 'plan', 'scheme', 'target kind', 'org unit'. */
    private readonly kind: string,
    entries: Iterable<readonly [string, string]> = [],
  ) {
    this.#owners = new Map(entries);
  }

  /** Claims `id` for `owner`; the conflict when someone had it (at `at` + `id`), else undefined. */
  claim(id: string, owner: string, at: ReadonlyArray<string | number>): KepuIssue | undefined {
    const other = this.#owners.get(id);
    if (other === undefined) {
      this.#owners.set(id, owner);
      return undefined;
    }
    return createIssue('plugin-conflict', [...at, 'id'], { plugin: owner, other, kind: this.kind, id });
  }

  ownerOf(id: string): string | undefined {
    return this.#owners.get(id);
  }

  entries(): IterableIterator<[string, string]> {
    return this.#owners.entries();
  }
}
