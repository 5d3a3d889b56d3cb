import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every public export of every published package carries TSDoc with an @example: the API
// reference is generated from it, and embedders read it in their editors.
const root = resolve(import.meta.dirname, '..');
const packages = readdirSync(join(root, 'packages')).filter((name) => {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));
  return manifest.private !== true;
});

function undocumentedExports(entry: string): string[] {
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    customConditions: ['source'],
    target: ts.ScriptTarget.ES2022,
    allowImportingTsExtensions: false,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`cannot read ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) return [];
  const missing: string[] = [];
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const tags = target.getJsDocTags(checker);
    const docs = ts.displayPartsToString(target.getDocumentationComment(checker));
    // A type documented by `@see` pointing at its schema counts: the schema carries the example.
    const hasExample = tags.some((tag) => tag.name === 'example');
    const pointsToDocumented = tags.some((tag) => tag.name === 'see');
    if (!(hasExample || pointsToDocumented) || (docs.trim() === '' && !pointsToDocumented))
      missing.push(symbol.getName());
  }
  return missing;
}

describe('public API documentation', () => {
  for (const name of packages) {
    it(`@kepu/${name}: every export has TSDoc with an @example`, () => {
      expect(undocumentedExports(join(root, 'packages', name, 'src', 'index.ts'))).toEqual([]);
    });
  }
});
