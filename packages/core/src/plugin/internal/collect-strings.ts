import type { PluginErrorCode } from '../../errors.js';
import type { Bilingual, Lang } from '../../i18n/bilingual.js';
import type { KepuPlugin } from '../plugin.js';

/**
 * The loaded plugins' locale strings (a later plugin's string replaces an earlier one's) and
 * their error codes (namespaced, so they cannot collide).
 */
export function collectStrings(loaded: readonly KepuPlugin[]): {
  locales: Record<Lang, Record<string, string>>;
  errorCodes: Map<PluginErrorCode, Bilingual>;
} {
  const locales: Record<Lang, Record<string, string>> = { zh: {}, en: {} };
  const errorCodes = new Map<PluginErrorCode, Bilingual>();
  for (const plugin of loaded) {
    for (const lang of ['zh', 'en'] as const) Object.assign(locales[lang], plugin.locales?.[lang] ?? {});
    for (const [code, text] of Object.entries(plugin.errorCodes ?? {})) errorCodes.set(code as PluginErrorCode, text);
  }
  return { locales, errorCodes };
}
