import type { Indicator, Lang, TargetKindDefinition } from '@kepu/core';

/** The levels of the 科普示范县 title, lowest first. */
export const DEMONSTRATION_LEVELS = ['none', 'county', 'city', 'provincial', 'national'] as const;

const NAMES: Record<Lang, readonly string[]> = {
  zh: ['未创建', '县级', '市级', '省级', '全国'],
  en: ['none', 'county', 'city', 'provincial', 'national'],
};

function levelsOf(indicator: Indicator): readonly string[] {
  return indicator.params?.levels as string[];
}

/**
 * The ordinal level of a science demonstration title (科普示范县: none → county → city →
 * provincial → national), an indicator kind core does not have. An observation gives the level
 * as a code (`'provincial'`) or as its index (`3`); the target asks for a level or above, and
 * core measures attainment from the baseline like any number. Pure; never throws.
 */
export const demonstrationLevel: TargetKindDefinition = {
  id: 'demonstration-level',
  name: { zh: '示范创建等级', en: 'demonstration level' },
  check: (indicator) => {
    const levels = indicator.params?.levels;
    return Array.isArray(levels) && levels.length > 1 && levels.every((l) => typeof l === 'string')
      ? []
      : ['params.levels must list at least two levels, lowest first'];
  },
  toValue: ({ code, value }, indicator) => {
    const levels = levelsOf(indicator);
    if (code !== undefined) {
      const at = levels.indexOf(code);
      return at < 0 ? undefined : at;
    }
    return value !== undefined && Number.isInteger(value) && value >= 0 && value < levels.length ? value : undefined;
  },
  format: (value, indicator, lang) => {
    const code = levelsOf(indicator)[value];
    const at = DEMONSTRATION_LEVELS.indexOf(code as (typeof DEMONSTRATION_LEVELS)[number]);
    return at < 0 ? String(code ?? value) : (NAMES[lang][at] as string);
  },
};
