import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The package promises a browser host it can import it: no native module, no database driver, no
// `node:` import anywhere in what it pulls in. esbuild, bundling for the browser, refuses a Node
// built-in, and its metafile lists every file the bundle took.

const root = join(import.meta.dirname, '..', '..');

function bundle(options: { entry: string } | { contents: string }) {
  return build({
    ...('entry' in options
      ? { entryPoints: [options.entry] }
      : { stdin: { contents: options.contents, resolveDir: root, loader: 'ts' as const } }),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    conditions: ['source'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
}

describe('@kepu/reports in a browser', () => {
  it('bundles for the browser from its entry, with no database driver or native module inside', async () => {
    const result = await bundle({ entry: join(root, 'src', 'index.ts') });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((f) => f.includes('exceljs'))).toBe(true);
    expect(inputs.some((f) => f.includes('echarts'))).toBe(true);
    const forbidden = inputs.filter((f) =>
      /better-sqlite3|node_modules\/pg\/|pg-protocol|@kepu\/store-|packages\/store-|\.node$|^node:/.test(f),
    );
    expect(forbidden).toEqual([]);
  }, 120_000);

  it('would notice: a module that imports node:fs does not bundle for the browser', async () => {
    await expect(
      bundle({ contents: "import { readFile } from 'node:fs'; export const read = readFile;" }),
    ).rejects.toThrow(/node:fs/);
  });

  it('depends at runtime only on core, charts, ECharts and ExcelJS', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@kepu/charts', '@kepu/core', 'echarts', 'exceljs']);
  });
});
