import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@kepu/core';
import * as hexi from '@kepu/example-county-variant';
import * as zhengning from '@kepu/plan-zhengning';
import * as sdk from '@kepu/plugin-sdk';
import * as testing from '@kepu/plugin-sdk/testing';
import { resolveSnippetImport } from '@kepu/test-utils';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// docs/plugins.md promises that its snippets are real: each ```ts block runs while this file is
// collected (so the test-kit snippet registers its tests here), and every `expr; // → value`
// line becomes a test asserting that expr equals value.

const markdown = readFileSync(join(import.meta.dirname, '..', 'docs', 'plugins.md'), 'utf8');
const blocks: Array<{ line: number; code: string }> = [];
for (const m of markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm))
  blocks.push({ line: markdown.slice(0, m.index).split('\n').length, code: m[1] as string });

const modules: Record<string, unknown> = {
  '@kepu/core': core,
  '@kepu/plan-zhengning': zhengning,
  '@kepu/plugin-sdk': sdk,
  '@kepu/plugin-sdk/testing': testing,
  '@kepu/example-county-variant': hexi,
};
const CHECK = /^(\s*)(.+?);\s*\/\/ → (.+)$/;

describe('docs/plugins.md', () => {
  it('has code blocks to run', () => expect(blocks.length).toBeGreaterThanOrEqual(5));
  for (const block of blocks) {
    describe(`the snippet at line ${block.line}`, () => {
      const code = block.code
        .split('\n')
        .map((line, i) => {
          const m = CHECK.exec(line);
          return m ? `${m[1]}__check(() => (${m[2]}), (${m[3]}), ${block.line + 1 + i});` : line;
        })
        .join('\n');
      const js = ts.transpileModule(code, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      const require = (id: string) => resolveSnippetImport(modules, id);
      const check = (actual: () => unknown, expected: unknown, line: number) =>
        it(`line ${line} holds`, () => expect(actual()).toEqual(expected));
      new Function('require', 'exports', '__check', js)(require, {}, check);
    });
  }
});
