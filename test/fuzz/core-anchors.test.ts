import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAuditAnchor } from '../../packages/core/src/engine/index.js';
import { checkNamespace } from '../../packages/core/src/store/index.js';
import { FUZZ_TIMEOUT, fuzzEntryPoint, mixedArgs } from './harness.js';

// The two entry points of @kepu/core that issue 16's audit anchors and namespaces added, which
// read what a person types or a file holds: an anchor (file or seq:hash) and a store namespace.

const hash = fc.stringMatching(/^[0-9a-f]{64}$/);
const anchor = fc.oneof(
  fc.record(
    {
      seq: fc.nat(),
      hash,
      version: fc.nat(),
      at: fc.constant('2026-01-05T08:00:00.000Z'),
      namespace: fc.constantFrom('zhengning', '正宁县'),
    },
    { requiredKeys: ['seq', 'hash'] },
  ),
  fc.tuple(fc.nat(), hash).map(([seq, h]) => `${seq}:${h}`),
);

describe('fuzz: @kepu/core audit anchors and namespaces', () => {
  it(
    'law: parseAuditAnchor returns an anchor or throws a typed KepuError, never a raw error',
    () => {
      const report = fuzzEntryPoint(
        'parseAuditAnchor',
        (...args: unknown[]) => parseAuditAnchor(args[0]),
        mixedArgs(fc.tuple(anchor)),
      );
      expect(report.returned).toBeGreaterThan(0);
      expect(Object.keys(report.typedErrors)).toEqual(['invalid-shape']);
    },
    FUZZ_TIMEOUT,
  );

  it(
    'law: checkNamespace returns its input unchanged or throws invalid-namespace, never a raw error',
    () => {
      const valid = fc.tuple(fc.stringMatching(/^[a-z0-9\u4e00-\u9fa5][a-z0-9._:\u4e00-\u9fa5-]{0,30}$/));
      const report = fuzzEntryPoint(
        'checkNamespace',
        (...args: unknown[]) => {
          const out = checkNamespace(args[0]);
          if (out !== args[0]) throw new Error('checkNamespace changed its input');
          return out;
        },
        mixedArgs(valid),
      );
      expect(report.returned).toBeGreaterThan(0);
      expect(Object.keys(report.typedErrors)).toEqual(['invalid-namespace']);
    },
    FUZZ_TIMEOUT,
  );
});
