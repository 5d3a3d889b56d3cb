import * as core from '@kepu/core';
import * as assessment from '@kepu/core/assessment';
import * as engine from '@kepu/core/engine';
import * as model from '@kepu/core/model';
import * as plugin from '@kepu/core/plugin';
import * as store from '@kepu/core/store';

/**
 * What a guide's snippet may import from `@kepu/core`: the root and every area subpath, as
 * an integrator's bundler would resolve them. The docs harnesses add these to the modules a test
 * provides, so a guide can import `checkBatch` from `@kepu/core/store` as its readers would.
 */
export const CORE_MODULES: Readonly<Record<string, unknown>> = {
  '@kepu/core': core,
  '@kepu/core/assessment': assessment,
  '@kepu/core/engine': engine,
  '@kepu/core/model': model,
  '@kepu/core/plugin': plugin,
  '@kepu/core/store': store,
};

/** Resolves a snippet's import among `modules`, with `@kepu/core` and its subpaths always there. */
export function resolveSnippetImport(modules: Readonly<Record<string, unknown>>, id: string): unknown {
  if (Object.hasOwn(modules, id)) return modules[id];
  if (Object.hasOwn(CORE_MODULES, id)) return CORE_MODULES[id];
  throw new Error(`the snippet imports ${id}, which the docs test does not provide`);
}
