import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsChinese, localized, localizedName } from '../bilingual.js';

describe('localized', () => {
  it('picks the language asked for', () => {
    expect(localized({ zh: '目标', en: 'Targets' }, 'zh')).toBe('目标');
    expect(localized({ zh: '目标', en: 'Targets' }, 'en')).toBe('Targets');
  });

  it('gives English readers the Chinese text when the English is missing (undefined or null)', () => {
    expect(localized({ zh: '河西县' }, 'en')).toBe('河西县');
    expect(localized({ zh: '河西县', en: null }, 'en')).toBe('河西县');
    expect(localized({ zh: '河西县', en: undefined }, 'en')).toBe('河西县');
  });

  it('keeps an empty English text: it is a translation, not a missing one', () => {
    expect(localized({ zh: '河西县', en: '' }, 'en')).toBe('');
  });

  it('law: Chinese readers always get the Chinese text, whatever the English', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string(), { nil: undefined }), (zh, en) => {
        expect(localized({ zh, en }, 'zh')).toBe(zh);
      }),
    );
  });

  it('reads a plan item’s name and nameEn with the same fallback', () => {
    expect(localizedName({ name: '优秀', nameEn: 'Excellent' }, 'en')).toBe('Excellent');
    expect(localizedName({ name: '优秀', nameEn: null }, 'en')).toBe('优秀');
    expect(localizedName({ name: '优秀' }, 'en')).toBe('优秀');
    expect(localizedName({ name: '优秀', nameEn: 'Excellent' }, 'zh')).toBe('优秀');
  });
});

describe('containsChinese', () => {
  it('finds ideographs and the punctuation a Chinese input method leaves', () => {
    expect(containsChinese('Add the 证书.')).toBe(true);
    expect(containsChinese('Add it, then submit。')).toBe(true);
    expect(containsChinese('Add it，then submit')).toBe(true);
    expect(containsChinese('“quoted”')).toBe(false);
  });

  it('accepts English with typographic quotes, dashes and apostrophes', () => {
    expect(containsChinese('The plan’s period 2021–2025 — “strict”.')).toBe(false);
  });
});
