import * as core from '@kepu/core';
import * as zhengning from '@kepu/plan-zhengning';
import { expect, it } from 'vitest';
import { describeDocSnippets, readDocSnippets } from '../doc-snippets.js';

// docs/engine.md's snippets are type-checked against the sources, run, and their `// →` lines hold;
// its permission table must be the one the engine enforces.

function permissionTable(): string {
  const label = { none: '—', 'own-unit': 'own unit', 'lead-unit': 'lead unit', any: 'any' } as const;
  const rows = [
    `| role | ${core.COMMAND_TYPES.join(' | ')} |`,
    `| --- | ${core.COMMAND_TYPES.map(() => '---').join(' | ')} |`,
    ...core.ENGINE_ROLES.map(
      (role) => `| ${role} | ${core.COMMAND_TYPES.map((c) => label[core.PERMISSIONS[role][c]]).join(' | ')} |`,
    ),
  ];
  return rows.join('\n');
}

describeDocSnippets(
  'docs/engine.md',
  { '@kepu/core': core, '@kepu/plan-zhengning': zhengning },
  {
    minSnippets: 8,
    extra: () => {
      it('its role × command table is the one the engine enforces', () => {
        const { markdown } = readDocSnippets('docs/engine.md');
        const section = /<!-- permissions:start -->\n([\s\S]*?)\n<!-- permissions:end -->/.exec(markdown)?.[1];
        // Compared cell by cell, so that a Markdown formatter's padding does not matter.
        const cells = (table: string) =>
          table.split('\n').map((row) =>
            row
              .split('|')
              .slice(1, -1)
              .map((cell) => cell.trim().replace(/^-+$/, '---')),
          );
        expect(cells(section ?? '')).toEqual(cells(permissionTable()));
      });
    },
  },
);
