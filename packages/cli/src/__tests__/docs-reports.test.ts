import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@kepu/core';
import * as zhengning from '@kepu/plan-zhengning';
import * as demo from '@kepu/plan-zhengning/demo';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as cli from '../index.js';

// docs/reports.md promises that its snippets are real: each ```ts block is type-checked as a module
// of its own and then run, and every `expr; // → value` line asserts that expr equals value.

const root = join(import.meta.dirname, '..', '..', '..', '..');
const markdown = readFileSync(join(root, 'docs', 'reports.md'), 'utf8');

const blocks: Array<{ line: number; code: string }> = [];
for (const m of markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)) {
  blocks.push({ line: markdown.slice(0, m.index).split('\n').length, code: m[1] as string });
}

const CHECK = /^(\s*)(.+?);\s*\/\/ → (.+)$/;
const modules: Record<string, unknown> = {
  '@kepu/core': core,
  '@kepu/cli': cli,
  '@kepu/plan-zhengning': zhengning,
  '@kepu/plan-zhengning/demo': demo,
};
const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<void>;

async function run(block: { line: number; code: string }): Promise<number> {
  let checks = 0;
  const code = block.code
    .split('\n')
    .map((line, i) => {
      const m = CHECK.exec(line);
      if (!m) return line;
      checks++;
      return `${m[1]}__check((${m[2]}), (${m[3]}), ${block.line + 1 + i});`;
    })
    .join('\n');
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const require = (id: string) => {
    if (!(id in modules)) throw new Error(`the snippet imports ${id}, which the docs test does not provide`);
    return modules[id];
  };
  const check = (actual: unknown, expected: unknown, line: number) => {
    expect(actual, `docs/reports.md line ${line}`).toEqual(expected);
  };
  await new AsyncFunction('require', 'exports', '__check', js)(require, {}, check);
  return checks;
}

function typeErrors(): string[] {
  const here = import.meta.dirname;
  const files = new Map(blocks.map((b, i) => [join(here, `__reports_snippet_${i}.ts`), b.code]));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts'],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    customConditions: ['source'],
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    paths: { '@kepu/cli': [join(here, '..', 'index.ts')] },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => files.get(f) ?? readFile(f);
  host.fileExists = (f) => files.has(f) || fileExists(f);
  host.getSourceFile = (f, lang, ...rest) => {
    const text = files.get(f);
    return text === undefined ? getSourceFile(f, lang, ...rest) : ts.createSourceFile(f, text, lang);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  // Only the snippets' own diagnostics: the packages' sources are type-checked elsewhere.
  const snippets = [...files.keys()].map((f) => program.getSourceFile(f)).filter((f) => f !== undefined);
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...snippets.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)]),
  ];
  return diagnostics.map((d) => {
    const index = d.file ? [...files.keys()].indexOf(d.file.fileName) : -1;
    const where =
      d.file && index >= 0 && d.start !== undefined
        ? `docs/reports.md line ${(blocks[index]?.line ?? 0) + 1 + d.file.getLineAndCharacterOfPosition(d.start).line}`
        : (d.file?.fileName ?? '(global)');
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('docs/reports.md', () => {
  it('has its two code examples', () => {
    expect(blocks).toHaveLength(2);
  });

  it('every snippet type-checks', () => {
    expect(typeErrors()).toEqual([]);
  }, 60_000);

  it.each(blocks.map((b) => [b.line, b] as const))(
    'the snippet at line %i runs and its results hold',
    async (_, block) => {
      expect(await run(block)).toBeGreaterThan(0);
    },
    60_000,
  );
});
