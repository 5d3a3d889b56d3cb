export type { KepuPlugin, KepuPluginHooks, LoadPluginsOptions, OrgUnitDirectory, PluginSet } from '@kepu/core';
export { KEPU_API_VERSION, loadPlugins, satisfiesRange } from '@kepu/core';
