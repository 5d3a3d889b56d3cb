import { describe, expect, it } from 'vitest';
import { actors, manualClock, plan } from '../../engine/__tests__/fixture.js';
import { submit } from '../../engine/__tests__/helpers.js';
import { createEngine } from '../../engine/engine.js';
import { createIssue, isKepuError } from '../../errors.js';
import { containsChinese } from '../../i18n/bilingual.js';
import { defineErrorCodes } from '../../i18n/error-codes.js';
import { checkHookIssues, checkPluginErrorCodes } from '../error-codes.js';
import { loadPlugins } from '../load-plugins.js';
import type { KepuPlugin } from '../plugin.js';

const CODES = defineErrorCodes({
  'county/no-photo': {
    zh: '报告须附现场照片（{what}）。请上传后再提交。',
    en: 'The report needs a photo of the site ({what}). Upload one, then submit again.',
  },
});

const county = (extra: Partial<KepuPlugin> = {}): KepuPlugin => ({
  id: 'county',
  version: '1.0.0',
  kepu: '^0.1.0',
  errorCodes: CODES.templates,
  hooks: {
    validateReport: ({ revision }) =>
      revision.evidence.length > 0
        ? []
        : [CODES.issue('county/no-photo', ['revision', 'evidence'], { what: 'grade 2' })],
  },
  ...extra,
});

describe('plugin error codes', () => {
  it('a plugin’s validateReport issue comes through the engine with its own code and both messages', async () => {
    const engine = await createEngine({ plans: [plan], plugins: [county()], clock: manualClock() });
    const caught = await submit(engine, actors.eduReporter, { evidence: [] }).then(
      () => undefined,
      (error: unknown) => error,
    );
    if (!isKepuError(caught)) throw new Error(`expected a KepuError, got ${String(caught)}`);
    expect(caught.code).toBe('county/no-photo');
    expect(caught.issues[0]?.message).toEqual({
      zh: '报告须附现场照片（grade 2）。请上传后再提交。',
      en: 'The report needs a photo of the site (grade 2). Upload one, then submit again.',
    });
    expect(containsChinese(caught.message)).toBe(false);
    expect(caught.path).toEqual(['revision', 'evidence']);
    expect(engine.getSnapshot().version).toBe(0);
  });

  it('loads the declared codes into the plugin set', () => {
    const set = loadPlugins([county()]);
    expect(set.issues).toEqual([]);
    expect([...set.errorCodes.keys()]).toEqual(['county/no-photo']);
    expect(set.errorCodes.get('county/no-photo')?.en).toMatch(/^The report needs a photo/);
  });

  it('refuses codes outside the plugin’s namespace, a missing language and Chinese in English', () => {
    const set = loadPlugins(
      [
        county({
          errorCodes: {
            'other/taken': { zh: '别人的。', en: 'Someone else’s.' },
            'county/Bad_Name': { zh: '名称。', en: 'Name.' },
            'county/no-en': { zh: '缺少英文。' } as never,
            'county/mixed': { zh: '请上传证书。', en: 'Upload the 证书.' },
          },
        }),
        { id: 'fine', version: '1.0.0', kepu: '^0.1.0' },
      ],
      { onInvalid: 'skip' },
    );
    expect(set.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['plugin-invalid', 'plugins.county.errorCodes.other/taken'],
      ['plugin-invalid', 'plugins.county.errorCodes.county/Bad_Name'],
      ['plugin-invalid', 'plugins.county.errorCodes.county/no-en.en'],
      ['plugin-invalid', 'plugins.county.errorCodes.county/mixed.en'],
    ]);
    expect(set.issues.every((i) => i.params.plugin === 'county' && !containsChinese(i.message.en))).toBe(true);
    expect(set.skipped).toEqual(['county']);
    expect(set.plugins.map((p) => p.id)).toEqual(['fine']);
    expect(set.errorCodes.size).toBe(0);
  });

  it('throws by default, naming the plugin and the code', () => {
    const bad = county({ errorCodes: { 'county/x': { zh: '甲：{a}', en: 'A' } } });
    expect(() => loadPlugins([bad])).toThrow(/county\/x: lacks the placeholder\(s\) \{a\}/);
    expect(checkPluginErrorCodes('county', 'not a table')).toHaveLength(1);
    expect(checkPluginErrorCodes('county', undefined)).toEqual([]);
  });
});

describe('checkHookIssues', () => {
  const plugin = county();
  const declared = CODES.issue('county/no-photo', [], { what: 'x' });

  it('accepts core codes and the plugin’s declared codes', () => {
    expect(checkHookIssues(plugin, [])).toBeUndefined();
    expect(checkHookIssues(plugin, [declared, createIssue('invalid-shape', [], { detail: 'd' })])).toBeUndefined();
  });

  it('refuses an undeclared or unknown code, and issues without a path or a message in both languages', () => {
    expect(checkHookIssues(plugin, [{ ...declared, code: 'county/undeclared' }])).toMatch(
      /neither core's nor declared/,
    );
    expect(checkHookIssues(plugin, [{ ...declared, code: 'not-a-core-code' }])).toMatch(/neither core's nor declared/);
    expect(checkHookIssues({}, [declared])).toMatch(/neither core's nor declared/);
    expect(checkHookIssues(plugin, [{ code: 'invalid-shape', path: [] }])).toMatch(/zh and an en message/);
    expect(checkHookIssues(plugin, [{ code: 'invalid-shape', message: { zh: '', en: '' } }])).toMatch(
      /code and a path/,
    );
    expect(checkHookIssues(plugin, 'no')).toMatch(/array of issues/);
    expect(checkHookIssues(plugin, [null])).toMatch(/code and a path/);
  });
});
