import * as fs from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import * as core from '@kepu/core';
import * as zhengning from '@kepu/plan-zhengning';
import { describeDocSnippets, readDocSnippets } from '@kepu/test-utils/doc-snippets';
import { expect, it } from 'vitest';
import * as importer from '../src/index.js';

// docs/importer.md's snippets are type-checked against the sources, run, and their `// →` lines hold.
const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
// Snippets read files by paths from the repository root, wherever the test runs from.
const nodeFs = {
  ...fs,
  readFileSync: (path: string, ...rest: unknown[]) =>
    (fs.readFileSync as (...args: unknown[]) => unknown)(isAbsolute(path) ? path : join(repoRoot, path), ...rest),
};
const modules: Record<string, unknown> = {
  '@kepu/core': core,
  '@kepu/importer': importer,
  '@kepu/plan-zhengning': zhengning,
  'node:fs': nodeFs,
};

describeDocSnippets('docs/importer.md', modules, {
  minSnippets: 7,
  extra: () => {
    it('lists every diagnostic code, with its severity', () => {
      const { markdown } = readDocSnippets('docs/importer.md');
      for (const [code, template] of Object.entries(importer.DIAGNOSTIC_CODES)) {
        expect(markdown, code).toMatch(new RegExp(`\\| \`${code}\`\\s*\\| ${template.severity} `));
      }
    });
  },
});
