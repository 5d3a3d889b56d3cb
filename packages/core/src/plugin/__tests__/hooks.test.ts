import { describe, expect, it } from 'vitest';
import { callHook } from '../hooks.js';

describe('callHook', () => {
  it('returns the hook’s value with its argument deeply frozen', () => {
    const argument = { nested: { list: [1, 2] } };
    const outcome = callHook('p', 'h', (a: typeof argument) => Object.isFrozen(a.nested.list), argument);
    expect(outcome).toMatchObject({ ok: true, value: true });
  });

  it('contains a throw, a mutation of its frozen argument, bad data and a promise', () => {
    const throws = callHook(
      'p',
      'validateReport',
      () => {
        throw new Error('boom');
      },
      {},
    );
    expect(throws.ok).toBe(false);
    if (!throws.ok) {
      expect(throws.failure.code).toBe('plugin-hook-failed');
      expect(throws.failure.path).toEqual(['plugins', 'p', 'hooks', 'validateReport']);
      expect(throws.failure.message.zh).toContain('插件“p”');
      expect(throws.failure.message.en).toContain('Error: boom');
    }
    const mutates = callHook(
      'p',
      'h',
      (a: { x: number }) => {
        a.x = 2;
        return a.x;
      },
      { x: 1 },
    );
    expect(mutates.ok).toBe(false);
    const junk = callHook('p', 'h', () => 'nonsense', null, {
      check: (v) => (Array.isArray(v) ? undefined : 'not a list'),
    });
    expect(junk.ok).toBe(false);
    if (!junk.ok) expect(junk.failure.message.en).toContain('returned bad data: not a list');
    const promise = callHook('p', 'h', async () => [], null);
    expect(promise.ok).toBe(false);
  });

  it('discards a call that ran past its budget (measured with an injected clock)', () => {
    let t = 0;
    const now = () => t;
    const slow = callHook(
      'p',
      'h',
      () => {
        t += 300;
        return [];
      },
      null,
      { budgetMs: 250, now },
    );
    expect(slow.ok).toBe(false);
    if (!slow.ok) expect(slow.failure.message.en).toContain('over its budget of 250 ms');
    const quick = callHook(
      'p',
      'h',
      () => {
        t += 10;
        return [];
      },
      null,
      { budgetMs: 250, now },
    );
    expect(quick.ok).toBe(true);
  });
});
