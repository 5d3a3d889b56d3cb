import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// docs/react.md promises real code: each ```tsx block is type-checked as a module of its own
// against the packages' sources, so a renamed hook or a changed option breaks this test, not a
// reader's build. (The blocks need a DOM and a mounted root to run; the hooks' behaviour they
// describe is tested in hooks.test.ts.)

const here = import.meta.dirname;
const repo = resolve(here, '../../../..');
const markdown = readFileSync(join(repo, 'docs', 'react.md'), 'utf8');

const blocks: { line: number; code: string }[] = [];
for (const m of markdown.matchAll(/^```tsx\n([\s\S]*?)^```$/gm)) {
  blocks.push({ line: markdown.slice(0, m.index).split('\n').length, code: m[1] as string });
}

// What the snippets take from their surroundings.
const PRELUDE = `declare const root: import('react-dom/client').Root;
declare function App(): import('react').ReactNode;
`;

function typeErrors(): string[] {
  const files = new Map(
    blocks.map((b, i) => [join(here, `__doc_react_${i}.tsx`), `${PRELUDE}${b.code}\nexport {};\n`]),
  );
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    customConditions: ['source'],
    jsx: ts.JsxEmit.ReactJSX,
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    paths: {
      '@kepu/react': [join(repo, 'packages/react/src/index.ts')],
      '@kepu/store-indexeddb': [join(repo, 'packages/store-indexeddb/src/index.ts')],
      '@kepu/plan-zhengning': [join(repo, 'packages/plan-zhengning/src/index.ts')],
    },
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.readFile = (name) => files.get(name) ?? read(name);
  host.fileExists = (name) => files.has(name) || exists(name);
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => {
    const text = files.get(name);
    return text === undefined
      ? getSource(name, version)
      : ts.createSourceFile(name, text, version, true, ts.ScriptKind.TSX);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.has(d.file.fileName))
    .map((d) => {
      const index = [...files.keys()].indexOf(d.file?.fileName as string);
      const { line } = d.file?.getLineAndCharacterOfPosition(d.start ?? 0) ?? { line: 0 };
      const docLine = (blocks[index]?.line ?? 0) + line - PRELUDE.split('\n').length + 2;
      return `docs/react.md line ${docLine}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}

describe('docs/react.md', () => {
  it('has tsx snippets', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  it('every tsx snippet type-checks against the sources', () => {
    expect(typeErrors()).toEqual([]);
  }, 60_000);
});
