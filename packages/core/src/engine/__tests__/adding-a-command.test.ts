import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE_ROLES } from '../actor.js';
import type { ApplyContext } from '../command-definition.js';
import { COMMAND_DEFINITIONS } from '../commands/index.js';
import { RecordNoteSchema, recordNote } from '../commands/record-note.example.js';
import { engineImmer } from '../immer.js';
import { initialState } from '../state.js';
import { actors, plan } from './fixture.js';

// docs/engine.md's "Adding a command" shows commands/record-note.example.ts verbatim: the file is
// compiled with the package, and this test keeps the guide and the file the same and runs it.
const file = readFileSync(join(import.meta.dirname, '../commands/record-note.example.ts'), 'utf8');
const guide = readFileSync(join(import.meta.dirname, '../../../../../docs/engine.md'), 'utf8');

describe('the worked example of adding a command', () => {
  it('is shown in the guide exactly as it is in the repository', () => {
    const shown = /```ts file=packages\/core\/src\/engine\/commands\/record-note\.example\.ts\n([\s\S]*?)^```$/m.exec(
      guide,
    )?.[1];
    expect(shown).toBe(file);
  });

  it('declares a permission for every role, like every registered command', () => {
    expect(Object.keys(recordNote.permissions).sort()).toEqual([...ENGINE_ROLES].sort());
    for (const definition of COMMAND_DEFINITIONS) {
      expect(Object.keys(definition.permissions).sort()).toEqual([...ENGINE_ROLES].sort());
    }
  });

  it('parses its command and records a finding that deducts nothing, with the patches immer gives', () => {
    const command = RecordNoteSchema.parse({
      type: 'record-note',
      baseVersion: 0,
      unit: 'shanhe',
      period: '2024',
      text: '请于月底前补报。',
    });
    const ctx = {
      command,
      actor: actors.office,
      plan,
      version: 1,
      at: '2025-01-02T00:00:00.000Z',
      nextId: (_: string, prefix: string) => `${prefix}-1`,
    } as unknown as ApplyContext<typeof command>;
    let target: unknown;
    const [next, patches] = engineImmer().produceWithPatches(initialState(), (draft) => {
      draft.version = 1;
      target = recordNote.apply(draft, ctx);
    });
    expect(target).toEqual({ kind: 'findings', id: 'note-1' });
    expect(next.findings['note-1']).toMatchObject({ unit: 'shanhe', period: '2024', text: '请于月底前补报。' });
    expect(next.findings['note-1']?.deduction).toBeUndefined();
    expect(patches.map((p) => p.path)).toEqual([['findings', 'note-1'], ['version']]);
  });
});
