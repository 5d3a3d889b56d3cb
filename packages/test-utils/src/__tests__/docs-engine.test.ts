import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@kepu/core';
import * as zhengning from '@kepu/plan-zhengning';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// docs/engine.md promises that its snippets are real: each ```ts block is type-checked as a module
// of its own (top-level await allowed) and then run, and every `expr; // → value` line asserts
// that expr equals value. Its permission table must be the one the engine enforces.

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..', '..');
const docPath = join(root, 'docs', 'engine.md');
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

/** Splits a block into its import lines and its body, and turns `expr; // → value` into checks. */
function prepare(block: Block): { imports: string; body: string; checks: number } {
  const lines = block.code.split('\n');
  let checks = 0;
  const imports: string[] = [];
  const body: string[] = [];
  lines.forEach((line, i) => {
    if (/^import /.test(line)) {
      imports.push(line);
      body.push('');
      return;
    }
    const m = CHECK.exec(line);
    if (!m) {
      body.push(line);
      return;
    }
    checks++;
    body.push(`${m[1]}await __check(async () => (${m[2]}), (${m[3]}), ${block.line + 1 + i});`);
  });
  return { imports: imports.join('\n'), body: body.join('\n'), checks };
}

const modules: Record<string, unknown> = { '@kepu/core': core, '@kepu/plan-zhengning': zhengning };

async function run(block: Block): Promise<number> {
  const { imports, body, checks } = prepare(block);
  const source = `${imports}\nexport async function __main(__check: (a: () => Promise<unknown>, e: unknown, l: number) => Promise<void>) {\n${body}\n}\n`;
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const require = (id: string) => {
    if (!(id in modules)) throw new Error(`the snippet imports ${id}, which the docs test does not provide`);
    return modules[id];
  };
  const exports: { __main?: (check: unknown) => Promise<void> } = {};
  new Function('require', 'exports', js)(require, exports);
  await exports.__main?.(async (actual: () => Promise<unknown>, expected: unknown, line: number) => {
    expect(await actual(), `docs/engine.md line ${line}`).toEqual(expected);
  });
  return checks;
}

/** Type-checks every block as its own module against the packages' sources. */
function typeErrors(): string[] {
  const files = new Map(blocks.map((b, i) => [join(here, `__engine_doc_snippet_${i}.ts`), b.code]));
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
        ? `docs/engine.md line ${(blocks[index]?.line ?? 0) + 1 + d.file.getLineAndCharacterOfPosition(d.start).line}`
        : (d.file?.fileName ?? '(global)');
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

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

describe('docs/engine.md', () => {
  it('has code blocks to check', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  it('its role × command table is the one the engine enforces', () => {
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

  it('every snippet type-checks', () => {
    expect(typeErrors()).toEqual([]);
  }, 60_000);

  it.each(blocks.map((b) => [b.line, b] as const))(
    'the snippet at line %i runs and its results hold',
    async (_, block) => {
      expect(await run(block)).toBeGreaterThan(0);
    },
  );
});
