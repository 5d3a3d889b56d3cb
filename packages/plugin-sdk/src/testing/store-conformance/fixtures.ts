import {
  type AuditEntry,
  isKepuError,
  type MaybePromise,
  type Plan,
  parsePlan,
  type RecordWrite,
  type StoreHead,
} from '@kepu/core';
import { chainAuditEntry } from '@kepu/core/engine';
import { headOf } from '@kepu/core/store';

// What the conformance tests build their batches from: a small plan, linked audit entries,
// record writes, and a way to read the code a call failed with.

/** A small plan for the engine-level tests: two departments, a township, one task. */
export const PLAN: Plan = parsePlan({
  schemaVersion: 1,
  id: 'conformance-2024-2025',
  county: { id: 'conformance', name: '测试县' },
  meta: { title: '测试方案', issuer: '测试', period: { start: 2024, end: 2025 } },
  orgUnits: [
    { id: 'education', name: '县教育局', kind: 'government-department' },
    { id: 'cast', name: '县科协', kind: 'mass-organisation' },
    { id: 'shanhe', name: '山河镇', kind: 'township' },
  ],
  parts: [
    {
      path: '3',
      code: '三',
      title: '行动',
      kind: 'actions',
      sections: [
        {
          path: '3.1',
          code: '三（一）',
          title: '青少年',
          tasks: [{ path: '3.1.1', code: '三（一）1', title: '任务', leads: ['education'], partners: ['cast'] }],
        },
      ],
    },
  ],
});

export const KINDS = ['reports', 'findings', 'awards', 'incidents'] as const;

/** A chain of `n` audit entries after `head`, every other one a denial (no version step). */
export function entries(head: StoreHead, n: number, tag = 'x'): AuditEntry[] {
  const out: AuditEntry[] = [];
  let cursor = head;
  for (let i = 0; i < n; i++) {
    const accepted = i % 2 === 0;
    const entry = chainAuditEntry(cursor, {
      version: cursor.version + (accepted ? 1 : 0),
      at: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
      actor: { id: `actor-${tag}`, role: 'reporter', unit: 'education' },
      command: { type: 'conformance', tag, i },
      outcome: accepted ? 'accepted' : 'denied',
      ...(accepted ? {} : { error: { code: 'forbidden', path: ['actor'], message: 'no' } }),
      patches: accepted ? [{ op: 'replace', path: ['version'], value: cursor.version + 1 }] : [],
    });
    out.push(entry);
    cursor = { seq: entry.seq, version: entry.version, hash: entry.hash };
  }
  return out;
}

/** The head after `list`, which follows `from`: `from` itself when the list is empty. */
export const headAfter = (list: readonly AuditEntry[], from: StoreHead): StoreHead =>
  list.length === 0 ? from : headOf(list.at(-1));

export const put = (kind: string, id: string, version: number, data: unknown): RecordWrite => ({
  op: 'put',
  record: { kind, id, version, data },
});

/** The error code `run` fails with, `'ok'`, or `untyped: …` for an error that is not a KepuError. */
export async function codeOf(run: () => MaybePromise<unknown>): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    return isKepuError(error) ? error.code : `untyped: ${String(error)}`;
  }
}

export const byKindAndId = (a: { kind: string; id: string }, b: { kind: string; id: string }) =>
  a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
