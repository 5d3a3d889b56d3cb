import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as core from '@kepu/core';
import * as zhengning from '@kepu/plan-zhengning';
import * as sdk from '@kepu/plugin-sdk';
import { testStore } from '@kepu/plugin-sdk/testing';
import * as postgres from '@kepu/store-postgres';
import * as sqlite from '@kepu/store-sqlite';
import { resolveSnippetImport } from '@kepu/test-utils';
import { testPostgresUrl } from '@kepu/test-utils/postgres';
import pg from 'pg';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// docs/stores.md promises its snippets are real: every ```ts block is type-checked as a module of
// its own and run in order (in a scratch directory, against a PostgreSQL database of its own),
// and every `expr; // → value` line asserts that expr equals value. ```ts check blocks (test
// files meant for vitest) are type-checked only; the adapter the guide writes is then run
// through the conformance suite, as the guide says it is.

const root = resolve(import.meta.dirname, '..');
const markdown = readFileSync(join(root, 'docs/stores.md'), 'utf8');

interface Block {
  readonly line: number;
  readonly code: string;
  readonly run: boolean;
}

const blocks: Block[] = [];
for (const m of markdown.matchAll(/^```ts( check)?\n([\s\S]*?)^```$/gm)) {
  blocks.push({ line: markdown.slice(0, m.index).split('\n').length, code: m[2] as string, run: m[1] === undefined });
}
const adapterBlock = blocks.findIndex((b) => b.code.includes('export function createMapStore'));
const fileOf = (i: number) => join(root, 'test', i === adapterBlock ? 'map-store.ts' : `__docs_stores_snippet_${i}.ts`);

const CHECK = /^(\s*)(.+?);\s*\/\/ → (.+)$/;
function withChecks(block: Block): { code: string; checks: number } {
  let checks = 0;
  const code = block.code
    .split('\n')
    .map((line, i) => {
      const m = CHECK.exec(line);
      if (!m) return line;
      checks++;
      return `${m[1]}__check(await (${m[2]}), (${m[3]}), ${block.line + 1 + i});`;
    })
    .join('\n');
  return { code, checks };
}

const modules: Record<string, unknown> = {
  '@kepu/core': core,
  '@kepu/plan-zhengning': zhengning,
  '@kepu/plugin-sdk': sdk,
  '@kepu/store-sqlite': sqlite,
  '@kepu/store-postgres': postgres,
  pg: { default: pg, ...pg, __esModule: true },
};

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<void>;

async function run(block: Block): Promise<{ checks: number; exports: Record<string, unknown> }> {
  const { code, checks } = withChecks(block);
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const require = (id: string) => resolveSnippetImport(modules, id);
  const check = (actual: unknown, expected: unknown, line: number) => {
    expect(actual, `docs/stores.md line ${line}`).toEqual(expected);
  };
  const exports: Record<string, unknown> = {};
  await new AsyncFunction('require', 'exports', '__check', js)(require, exports, check);
  return { checks, exports };
}

function typeErrors(): string[] {
  const files = new Map(blocks.map((b, i) => [fileOf(i), b.code]));
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
    // The runs below work in a scratch directory; type roots are the repository's.
    typeRoots: [join(root, 'node_modules/@types')],
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
        ? `docs/stores.md line ${(blocks[index]?.line ?? 0) + 1 + d.file.getLineAndCharacterOfPosition(d.start).line}`
        : (d.file?.fileName ?? '(global)');
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('docs/stores.md', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'kepu-docs-stores-'));
  const cwd = process.cwd();
  const database = `kepu_docs_${process.pid}_${Date.now().toString(36)}`;
  let admin: pg.Client;

  beforeAll(async () => {
    const url = new URL(testPostgresUrl());
    admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    url.pathname = `/${database}`;
    process.env.DATABASE_URL = url.toString();
    process.chdir(scratch);
  });
  afterAll(async () => {
    process.chdir(cwd);
    rmSync(scratch, { recursive: true, force: true });
    delete process.env.DATABASE_URL;
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  });

  it('has code blocks to check, and the adapter the guide writes', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    expect(adapterBlock).toBeGreaterThanOrEqual(0);
  });

  it('every snippet type-checks', () => {
    expect(typeErrors()).toEqual([]);
  }, 60_000);

  it('every snippet runs, in order, and its results hold', async () => {
    let checks = 0;
    for (const block of blocks.filter((b) => b.run)) checks += (await run(block)).checks;
    expect(checks).toBeGreaterThanOrEqual(8);
  }, 60_000);
});

// The guide's example adapter, through the conformance suite, exactly as the guide's test file
// calls it (run at collection time: the adapter snippet only defines a function).
const adapter = blocks[adapterBlock];
if (adapter) {
  const exports: Record<string, unknown> = {};
  const js = ts.transpileModule(adapter.code.replace(/^.*\/\/ → .*$/m, ''), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  new Function('require', 'exports', js)((id: string) => resolveSnippetImport(modules, id), exports);
  const createMapStore = exports.createMapStore as (options?: object) => core.KepuStore;
  const dataOf = new WeakMap<object, object>();
  testStore(
    () => {
      const data = { log: [], records: new Map(), snapshots: new Map() };
      const store = createMapStore({ data });
      dataOf.set(store, data);
      return store;
    },
    { name: 'the map store of docs/stores.md', open: (store) => createMapStore({ data: dataOf.get(store) }) },
  );
}
