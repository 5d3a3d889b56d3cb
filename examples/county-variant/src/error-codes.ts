import { defineErrorCodes } from '@kepu/core';

/**
 * Hexi's own error codes, namespaced by the plugin's id. The plugin declares them in
 * `errorCodes`, so they are checked when it loads and a denied report names a code of Hexi's
 * instead of core's `invalid-shape`.
 *
 * @example
 * ```ts
 * import { HEXI_ERRORS } from '@kepu/example-county-variant';
 * HEXI_ERRORS.issue('hexi/no-certificate', ['revision', 'evidence']).message.en;
 * ```
 */
export const HEXI_ERRORS = defineErrorCodes({
  'hexi/no-certificate': {
    zh: '报告科普示范县创建等级须上传命名文件或证书。请补充佐证材料后再提交。',
    en: 'A report of the demonstration-county level needs the naming document or certificate as evidence. Attach it, then submit again.',
  },
});
