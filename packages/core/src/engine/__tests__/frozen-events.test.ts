import { describe, expect, it } from 'vitest';
import type { EngineEvents } from '../events.js';
import { setup, submit } from './helpers.js';

// Issue 16, finding 11: every listener of an event gets the same payload object, so one listener
// (a plugin's, the host's) could change what the next one sees. Payloads are delivered deep-frozen.

describe('event payloads', () => {
  it('are deep-frozen: a listener that mutates one is contained, and the next listener sees the original', async () => {
    const { engine } = await setup();
    const errors: Array<EngineEvents['plugin:error']> = [];
    engine.on('plugin:error', (e) => errors.push(e));
    engine.on('command:accepted', (payload) => {
      (payload as { remote: boolean }).remote = true;
    });
    engine.on('command:accepted', (payload) => {
      (payload.entry.actor as { id: string }).id = 'someone.else';
    });
    engine.on('report:submitted', (payload) => {
      (payload as { resubmission: boolean }).resubmission = true;
    });
    const seen: Array<{ remote: boolean; actor: string; frozen: boolean }> = [];
    engine.on('command:accepted', (payload) => {
      seen.push({
        remote: payload.remote,
        actor: payload.entry.actor.id,
        frozen: Object.isFrozen(payload.entry.actor),
      });
    });
    const submitted: boolean[] = [];
    engine.on('report:submitted', (payload) => submitted.push(payload.resubmission));
    await submit(engine);
    expect(seen).toEqual([{ remote: false, actor: 'edu.reporter', frozen: true }]);
    expect(submitted).toEqual([false]);
    expect(errors.map((e) => e.hook).sort()).toEqual([
      'on:command:accepted',
      'on:command:accepted',
      'on:report:submitted',
    ]);
    // The audit log keeps what was committed.
    expect((await engine.readAudit()).at(-1)?.actor.id).toBe('edu.reporter');
  });
});
