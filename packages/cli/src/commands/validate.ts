import { resolve } from 'node:path';
import { validatePlan } from '@kepu/core';
import type { CommandSpec } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { t } from '../i18n.js';
import { formatIssues } from '../main.js';
import { readJson } from '../plans.js';

/** `kepu validate <plan.json>`: checks a plan file and lists every problem with its path. */
export const validateCommand: CommandSpec = {
  path: ['validate'],
  summary: { zh: '校验计划 JSON 文件，列出全部问题', en: 'validate a plan JSON file and list every problem' },
  usage: 'kepu validate <plan.json> [--json] [--lang zh|en]',
  options: {},
  positionals: [{ name: 'plan.json', required: true, description: { zh: '计划文件', en: 'plan file' } }],
  async run({ positionals }, { io, lang, json }) {
    const file = positionals[0] as string;
    const result = validatePlan(await readJson(resolve(io.cwd, file)));
    if (json) {
      io.write(
        `${JSON.stringify(result.ok ? { ok: true, id: result.value.id } : { ok: false, issues: result.issues }, null, 2)}\n`,
      );
    } else if (result.ok) {
      io.write(
        t(lang, {
          zh: `✓ ${file} 校验通过（计划 ${result.value.id}）\n`,
          en: `✓ ${file} is valid (plan ${result.value.id})\n`,
        }),
      );
    } else {
      io.error(formatIssues(result.issues, lang));
    }
    return result.ok ? EXIT.ok : EXIT.badInput;
  },
};
