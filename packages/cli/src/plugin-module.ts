import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KepuPlugin } from '@kepu/core';
import { UsageError } from './command.js';

/** A module name the way the user gave it: a path (`./hexi.mjs`) or a package (`@county/kepu-plugin`). */
const isPath = (spec: string) => spec.startsWith('.') || isAbsolute(spec) || /\.[cm]?[jt]s$/.test(spec);

/** Where `import()` finds the module: a file URL for a path or for a package installed beside the user. */
function locate(spec: string, cwd: string): string {
  if (isPath(spec)) {
    const path = resolve(cwd, spec);
    if (!existsSync(path)) {
      throw new UsageError({
        zh: `找不到插件模块文件：${path}。请检查 --plugin 的路径。`,
        en: `No plugin module at ${path}. Check the path given to --plugin.`,
      });
    }
    return pathToFileURL(path).href;
  }
  try {
    // A package installed in the user's project comes first; then one Kepu itself can reach.
    return pathToFileURL(createRequire(join(cwd, 'package.json')).resolve(spec)).href;
  } catch {
    return spec;
  }
}

/**
 * Loads the county plugin named by `--plugin <module>[#export]`: the module's default export, or
 * the named one after `#`. The export may be the plugin itself or a function that makes it
 * (called with no arguments, so a plugin's defaults apply). The plugin is not checked here: the
 * engine checks every plugin it loads and refuses a bad one with its own typed errors.
 *
 * @example
 * ```ts
 * import { loadPluginModule } from '@kepu/cli';
 * const plugin = await loadPluginModule('./plugins/hexi.mjs#hexi', process.cwd());
 * plugin.id; // 'hexi'
 * ```
 */
export async function loadPluginModule(reference: string, cwd: string): Promise<KepuPlugin> {
  const hash = reference.lastIndexOf('#');
  const spec = hash > 0 ? reference.slice(0, hash) : reference;
  const name = hash > 0 ? reference.slice(hash + 1) : 'default';
  let module: Record<string, unknown>;
  try {
    module = (await import(locate(spec, cwd))) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError({
      zh: `无法加载插件模块 ${spec}：${reason}`,
      en: `Cannot load the plugin module ${spec}: ${reason}`,
    });
  }
  const exported = Object.hasOwn(module, name) ? module[name] : undefined;
  if (exported === undefined || exported === null) {
    const names = Object.keys(module).filter((key) => key !== '__esModule');
    throw new UsageError({
      zh: `插件模块 ${spec} 没有导出 ${name}。可用的导出：${names.join('、') || '无'}；用 --plugin ${spec}#<导出名> 指定。`,
      en: `The plugin module ${spec} has no export "${name}". Its exports: ${names.join(', ') || 'none'}; pick one with --plugin ${spec}#<export>.`,
    });
  }
  if (typeof exported !== 'function') return exported as KepuPlugin;
  try {
    return (await (exported as () => unknown)()) as KepuPlugin;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError({
      zh: `插件工厂 ${spec}#${name} 出错：${reason}`,
      en: `The plugin factory ${spec}#${name} failed: ${reason}`,
    });
  }
}
