// @kepu/core/plugin: the plugin host — the plugin shape, loading, hooks, scheme overrides, custom
// target kinds and plugin error codes.
export { checkHookIssues, checkPluginErrorCodes } from './error-codes.js';
export type { HookCallOptions, HookOutcome } from './hooks.js';
export { callHook } from './hooks.js';
export type { LoadPluginsOptions, PluginSet } from './load-plugins.js';
export { loadPlugins } from './load-plugins.js';
export type { KepuPlugin, KepuPluginHooks, KepuPluginListeners, OrgUnitDirectory } from './plugin.js';
export type { SchemeOverride } from './scheme-override.js';
export { applySchemeOverride, parseSchemeOverride, SchemeOverrideSchema } from './scheme-override.js';
export type { TargetKindDefinition } from './target-kind.js';
export { checkCustomIndicators, resolveCustomObservations } from './target-kind.js';
export { KEPU_API_VERSION, parseVersion, satisfiesRange } from './version.js';
