import * as fs from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@kepu/core';
import * as zhengning from '@kepu/plan-zhengning';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as importer from '../src/index.js';

// docs/importer.md promises that its snippets are real: each ```ts block is type-checked as a
// module of its own and then run, and every `expr; // → value` line asserts expr equals value.

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, '..');
const repoRoot = join(packageRoot, '..', '..');
const docPath = join(repoRoot, 'docs', 'importer.md');
const markdown = fs.readFileSync(docPath, 'utf8');

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
    expect(actual(), `docs/importer.md line ${line}`).toEqual(expected);
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
    paths: { '@kepu/importer': [join(packageRoot, 'src', 'index.ts')] },
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
  // Only the snippets' own errors: the packages are type-checked by their own build.
  return [...files.keys()]
    .flatMap((f) => {
      const file = program.getSourceFile(f);
      return file ? [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)] : [];
    })
    .map((d) => {
      const index = d.file ? [...files.keys()].indexOf(d.file.fileName) : -1;
      const where =
        d.file && index >= 0 && d.start !== undefined
          ? `docs/importer.md line ${(blocks[index]?.line ?? 0) + 1 + d.file.getLineAndCharacterOfPosition(d.start).line}`
          : (d.file?.fileName ?? '(global)');
      return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}

describe('docs/importer.md', () => {
  it('has code blocks to check', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(7);
  });

  it('every snippet type-checks', () => {
    expect(typeErrors()).toEqual([]);
  });

  it.each(blocks.map((b) => [b.line, b] as const))('the snippet at line %i runs and its results hold', (_, block) => {
    expect(run(block)).toBeGreaterThan(0);
  });

  it('lists every diagnostic code, with its severity', () => {
    for (const [code, template] of Object.entries(importer.DIAGNOSTIC_CODES)) {
      expect(markdown, code).toMatch(new RegExp(`\\| \`${code}\`\\s*\\| ${template.severity} `));
    }
  });
});
