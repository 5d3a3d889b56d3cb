import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The package graph of docs/architecture.md, checked on the source. pnpm's workspace puts every
// package within reach of every other through the root's node_modules, so an import that the
// importing package does not declare would still resolve here and break only for an integrator.
const root = resolve(import.meta.dirname, '..');
const folders = [
  ...readdirSync(join(root, 'packages')).map((name) => join('packages', name)),
  ...readdirSync(join(root, 'examples')).map((name) => join('examples', name)),
].filter((dir) => existsSync(join(root, dir, 'package.json')));

interface Manifest {
  readonly name: string;
  readonly private?: boolean;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}
const manifestOf = (dir: string): Manifest => JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));

const isTestFile = (path: string) =>
  /(__tests__|\/test\/|\.test\.tsx?$|\.test-d\.ts$|\/testing\/)/.test(path.replaceAll('\\', '/'));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (name === 'node_modules' || name === 'dist') continue;
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
    }
  };
  const src = join(root, dir, 'src');
  if (existsSync(src)) walk(src);
  return out;
}

/** The package a bare specifier names (`@kepu/core/store` → `@kepu/core`), or undefined for a relative or built-in one. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier))
    return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      out.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

// Tests (and the private test helpers) run from the workspace, where the root's tools are theirs.
const workspaceTools = Object.keys(manifestOf('.').devDependencies ?? {});

/** Runtime imports of a package's shipped source that its manifest does not declare. */
function undeclared(dir: string): string[] {
  const manifest = manifestOf(dir);
  const runtime = new Set([
    manifest.name,
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  const all = new Set([...runtime, ...Object.keys(manifest.devDependencies ?? {}), ...workspaceTools]);
  const problems: string[] = [];
  for (const file of sourceFiles(dir)) {
    for (const specifier of importsOf(file)) {
      const name = packageOf(specifier);
      if (name === undefined || name.startsWith('@types/')) continue;
      const allowed = isTestFile(file) || manifest.private === true ? all : runtime;
      if (!allowed.has(name)) problems.push(`${file.slice(root.length + 1)} imports ${specifier}`);
    }
  }
  return problems;
}

describe('the package graph', () => {
  it.each(folders)('%s imports only what its package.json declares', (dir) => {
    expect(undeclared(dir)).toEqual([]);
  });

  it('@kepu/core depends on no adapter: zod, immer and eventemitter3 only, and no node: module', () => {
    const manifest = manifestOf('packages/core');
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual(['eventemitter3', 'immer', 'zod']);
    const nodeImports = sourceFiles('packages/core')
      .filter((file) => !isTestFile(file))
      .flatMap((file) => importsOf(file).map((specifier) => ({ file, specifier })))
      .filter(({ specifier }) => specifier.startsWith('node:') || builtinModules.includes(specifier));
    expect(nodeImports).toEqual([]);
  });

  it('@kepu/client runs in a browser: openapi-fetch and core (itself browser-safe) only at run time, and no node: module', () => {
    const manifest = manifestOf('packages/client');
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual(['@kepu/core', 'openapi-fetch']);
    const nodeImports = sourceFiles('packages/client')
      .filter((file) => !isTestFile(file))
      .flatMap((file) => importsOf(file).map((specifier) => ({ file, specifier })))
      .filter(({ specifier }) => specifier.startsWith('node:') || builtinModules.includes(specifier));
    expect(nodeImports).toEqual([]);
  });

  it('stores depend at run time on core and their driver, never on the plugin SDK', () => {
    for (const dir of folders.filter((d) => /packages\/store-/.test(d))) {
      const runtime = Object.keys(manifestOf(dir).dependencies ?? {});
      expect(runtime, dir).toContain('@kepu/core');
      expect(runtime, dir).not.toContain('@kepu/plugin-sdk');
    }
  });

  it('the check itself notices an undeclared import', () => {
    // A file of core that imported an adapter would be reported: simulate it on core's manifest.
    const manifest = manifestOf('packages/core');
    const runtime = new Set([manifest.name, ...Object.keys(manifest.dependencies ?? {})]);
    expect(runtime.has(packageOf('@kepu/store-sqlite/x') ?? '')).toBe(false);
    expect(packageOf('@kepu/core/store')).toBe('@kepu/core');
    expect(packageOf('node:fs')).toBeUndefined();
    expect(packageOf('./relative.js')).toBeUndefined();
  });
});
