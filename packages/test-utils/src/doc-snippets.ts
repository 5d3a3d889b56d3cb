import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { resolveSnippetImport } from './core-modules.js';

/**
 * The guides in docs/, the packages' READMEs and the root README promise that their snippets are
 * real. This harness, shared by every docs test, checks that promise: each ```ts block is
 * type-checked as a module of its own against the packages' sources (top-level await allowed),
 * then run, and every `expr; // → value` line asserts that `expr` (awaited) equals `value`.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** One ```ts block of a guide and the line it starts on. */
export interface DocSnippet {
  readonly line: number;
  readonly code: string;
}

const CHECK = /^(\s*)(.+?);\s*\/\/ → (.+)$/;

/**
 * The ```ts blocks of a guide, by its path from the repository root (`docs/engine.md`,
 * `packages/core/README.md`); with `section`, only those under the `## section` heading.
 */
export function readDocSnippets(doc: string, section?: string): { markdown: string; snippets: DocSnippet[] } {
  const markdown = readFileSync(join(ROOT, doc), 'utf8');
  const start = section === undefined ? 0 : markdown.search(new RegExp(`^## ${escapeRegExp(section)}$`, 'm'));
  if (start < 0) throw new Error(`${doc} has no section "## ${section}"`);
  const next = section === undefined ? -1 : markdown.slice(start + 1).search(/^## /m);
  const end = next < 0 ? markdown.length : start + 1 + next;
  const snippets: DocSnippet[] = [];
  const re = /^```ts\n([\s\S]*?)^```$/gm;
  for (let m = re.exec(markdown); m !== null; m = re.exec(markdown)) {
    if (m.index < start || m.index >= end) continue;
    snippets.push({ line: markdown.slice(0, m.index).split('\n').length, code: m[1] as string });
  }
  return { markdown, snippets };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every workspace package's entry points, by import specifier, for type-checking snippets against sources. */
function workspacePaths(): Record<string, string[]> {
  const paths: Record<string, string[]> = {};
  for (const dir of readdirSync(join(ROOT, 'packages'))) {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'packages', dir, 'package.json'), 'utf8')) as {
      name: string;
      exports?: Record<string, { source?: string } | string>;
    };
    for (const [sub, target] of Object.entries(manifest.exports ?? {})) {
      if (typeof target !== 'object' || target.source === undefined) continue;
      paths[sub === '.' ? manifest.name : `${manifest.name}${sub.slice(1)}`] = [
        join(ROOT, 'packages', dir, target.source),
      ];
    }
  }
  return paths;
}

/** Type errors of the snippets (their own, not the packages'), each with its line in the guide. */
export function docSnippetTypeErrors(doc: string, snippets: readonly DocSnippet[]): string[] {
  // Next to the guide, so a package README's snippet resolves that package's own dependencies.
  const dir = dirname(join(ROOT, doc));
  const files = new Map(snippets.map((b, i) => [join(dir, `__doc_snippet_${i}.ts`), `${b.code}\nexport {};\n`]));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    customConditions: ['source'],
    resolveJsonModule: true,
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    baseUrl: ROOT,
    paths: workspacePaths(),
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
  const names = [...files.keys()];
  return names
    .flatMap((f) => {
      const file = program.getSourceFile(f);
      return file ? [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)] : [];
    })
    .map((d) => {
      const index = d.file ? names.indexOf(d.file.fileName) : -1;
      const where =
        d.file && index >= 0 && d.start !== undefined
          ? `${doc} line ${(snippets[index]?.line ?? 0) + 1 + d.file.getLineAndCharacterOfPosition(d.start).line}`
          : (d.file?.fileName ?? '(global)');
      return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}

/**
 * Runs one snippet with `modules` standing in for its imports; returns how many `// →` checks it
 * made (each an `expect(...).toEqual(...)` with the guide's line in its message).
 */
export async function runDocSnippet(
  doc: string,
  snippet: DocSnippet,
  modules: Readonly<Record<string, unknown>>,
): Promise<number> {
  let checks = 0;
  const imports: string[] = [];
  const body = snippet.code.split('\n').map((line, i) => {
    if (/^import /.test(line)) {
      imports.push(line);
      return '';
    }
    const m = CHECK.exec(line);
    if (!m) return line;
    checks++;
    return `${m[1]}await __check(async () => (${m[2]}), (${m[3]}), ${snippet.line + 1 + i});`;
  });
  const source = `${imports.join('\n')}\nexport async function __main(__check: (a: () => Promise<unknown>, e: unknown, l: number) => Promise<void>) {\n${body.join('\n')}\n}\n`;
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const require = (id: string) => resolveSnippetImport(modules, id);
  const exports: { __main?: (check: unknown) => Promise<void> } = {};
  new Function('require', 'exports', js)(require, exports);
  await exports.__main?.(async (actual: () => Promise<unknown>, expected: unknown, line: number) => {
    expect(await actual(), `${doc} line ${line}`).toEqual(expected);
  });
  return checks;
}

/**
 * Registers the standard tests of a guide: it has at least `minSnippets` snippets, every snippet
 * type-checks, and every snippet runs with at least one `// →` check holding. With `section`, only
 * the snippets under that `##` heading are checked (the root README's "Using the library").
 *
 * @example
 * ```ts
 * describeDocSnippets('docs/assessment.md', { '@kepu/core': core }, { minSnippets: 7 });
 * describeDocSnippets('README.md', { '@kepu/core': core }, { minSnippets: 1, section: 'Using the library' });
 * ```
 */
export function describeDocSnippets(
  doc: string,
  modules: Readonly<Record<string, unknown>>,
  options: { readonly minSnippets: number; readonly section?: string; readonly extra?: () => void },
): void {
  const { snippets } = readDocSnippets(doc, options.section);
  describe(options.section === undefined ? doc : `${doc} § ${options.section}`, () => {
    it('has code blocks to check', () => {
      expect(snippets.length).toBeGreaterThanOrEqual(options.minSnippets);
    });
    it('every snippet type-checks', () => {
      expect(docSnippetTypeErrors(doc, snippets)).toEqual([]);
    }, 60_000);
    it.each(snippets.map((b) => [b.line, b] as const))(
      'the snippet at line %i runs and its results hold',
      async (_, snippet) => {
        expect(await runDocSnippet(doc, snippet, modules)).toBeGreaterThan(0);
      },
    );
    options.extra?.();
  });
}
