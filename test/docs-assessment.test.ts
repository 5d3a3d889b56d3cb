import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@kepu/core';
import * as zhengning from '@kepu/plan-zhengning';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// docs/assessment.md promises that its snippets are real: each ```ts block is type-checked as a
// module of its own and then run, and every `expr; // → value` line asserts expr equals value.

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const docPath = join(root, 'docs', 'assessment.md');
const markdown = readFileSync(docPath, 'utf8');

interface Block {
  line: number;
  code: string;
}

const blocks: Block[] = [];
{
  const re = /^```ts\n([\s\S]*?)^```$/gm;
  for (let m = re.exec(markdown); m !== null; m = re.exec(markdown)) {
    blocks.push({ line: markdown.slice(0, m.index).split('\n').length, code: m[1] as string });
  }
}

const CHECK = /^(\s*)(.+?);\s*\/\/ → (.+)$/;

/** Rewrites `expr; // → value` lines into checks; returns the code and the number of checks. */
function withChecks(block: Block): { code: string; checks: number } {
  let checks = 0;
  const code = block.code
    .split('\n')
    .map((line, i) => {
      const m = CHECK.exec(line);
      if (!m) return line;
      checks++;
      return `${m[1]}__check(() => (${m[2]}), (${m[3]}), ${block.line + 1 + i});`;
    })
    .join('\n');
  return { code, checks };
}

const modules: Record<string, unknown> = { '@kepu/core': core, '@kepu/plan-zhengning': zhengning };

function run(block: Block): number {
  const { code, checks } = withChecks(block);
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const require = (id: string) => {
    if (!(id in modules)) throw new Error(`the snippet imports ${id}, which the docs test does not provide`);
    return modules[id];
  };
  const check = (actual: () => unknown, expected: unknown, line: number) => {
    expect(actual(), `docs/assessment.md line ${line}`).toEqual(expected);
  };
  new Function('require', 'exports', '__check', js)(require, {}, check);
  return checks;
}

/** Type-checks every block as its own module against the packages' sources. */
function typeErrors(): string[] {
  const files = new Map(blocks.map((b, i) => [join(here, `__doc_snippet_${i}.ts`), b.code]));
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
    paths: {
      '@kepu/core': [join(root, 'packages', 'core', 'src', 'index.ts')],
      '@kepu/plan-zhengning': [join(root, 'packages', 'plan-zhengning', 'src', 'index.ts')],
    },
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
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const index = d.file ? [...files.keys()].indexOf(d.file.fileName) : -1;
    const where =
      d.file && index >= 0 && d.start !== undefined
        ? `docs/assessment.md line ${(blocks[index]?.line ?? 0) + 1 + d.file.getLineAndCharacterOfPosition(d.start).line}`
        : (d.file?.fileName ?? '(global)');
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('docs/assessment.md', () => {
  it('has code blocks to check', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(7);
  });

  it('every snippet type-checks', () => {
    expect(typeErrors()).toEqual([]);
  });

  it.each(blocks.map((b) => [b.line, b] as const))('the snippet at line %i runs and its results hold', (_, block) => {
    expect(run(block)).toBeGreaterThan(0);
  });
});
