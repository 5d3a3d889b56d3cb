import { createEngine, isKepuError, type KepuStore } from '@kepu/core';

/** Why stored data failed verification, in both languages. */
export interface VerifyFailure {
  readonly zh: string;
  readonly en: string;
}

/**
 * Verifies what a store holds as the engine does on a verifying load: the audit chain holds up
 * to the head, and the records equal a replay of the log (`audit-broken` otherwise). Resolves
 * with `undefined` when the data is sound, with the reason otherwise. The dashboard runs it in a
 * worker (verify-worker.ts) after the page is shown, so data edited in devtools is still caught
 * while the first screen does not wait for ≈1,400 hashes and a replay.
 */
export async function verifyStored(store: KepuStore): Promise<VerifyFailure | undefined> {
  try {
    const engine = await createEngine({ store, watch: false, verifyOnLoad: true });
    await engine.dispose();
    return undefined;
  } catch (error) {
    if (isKepuError(error)) {
      const issue = error.issues[0];
      if (issue) return issue.message;
    }
    const text = error instanceof Error ? error.message : String(error);
    return { zh: text, en: text };
  }
}
