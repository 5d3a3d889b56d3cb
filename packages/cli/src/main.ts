import { parseArgs } from 'node:util';
import { formatPath, isKepuError, type KepuIssue } from '@kepu/core';
import { type CommandSpec, isUsageError, type OptionSpec, UsageError } from './command.js';
import { COMMANDS } from './commands/index.js';
import { EXIT } from './exit-codes.js';
import { type Lang, t } from './i18n.js';
import type { CliIO } from './io.js';
import { isOutputError } from './safe-output.js';

const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  lang: {
    type: 'string',
    choices: ['zh', 'en'],
    default: 'zh',
    description: { zh: '输出语言', en: 'output language' },
  },
  json: { type: 'boolean', description: { zh: '输出 JSON（供程序读取）', en: 'print JSON for programs' } },
  help: { type: 'boolean', short: 'h', description: { zh: '显示帮助', en: 'show help' } },
};

/**
 * Runs `kepu` with the given arguments and returns the exit code: 0 ok, 1 failure, 2 bad usage
 * or bad input. Never throws; errors are printed to `io.error` in the chosen language.
 *
 * @example
 * ```ts
 * import { createMemoryIO, runCli } from '@kepu/cli';
 * const io = createMemoryIO();
 * const code = await runCli(['plan', 'show', '--json'], io);
 * const plan = JSON.parse(io.out());
 * ```
 */
export async function runCli(
  argv: readonly string[],
  io: CliIO,
  commands: readonly CommandSpec[] = COMMANDS,
): Promise<number> {
  const lang: Lang = argv.includes('--lang=en') || argv[argv.indexOf('--lang') + 1] === 'en' ? 'en' : 'zh';
  const command = findCommand(argv, commands);
  try {
    if (!command) {
      const words = argv.filter((a) => !a.startsWith('-'));
      const wantsHelp = words.length === 0 || argv.includes('--help') || argv.includes('-h') || words[0] === 'help';
      if (wantsHelp) {
        io.write(globalHelp(lang, commands));
        return EXIT.ok;
      }
      throw new UsageError({
        zh: `未知命令“${words.join(' ')}”。运行 kepu --help 查看可用命令。`,
        en: `Unknown command "${words.join(' ')}". Run kepu --help to see the commands.`,
      });
    }
    const rest = argv.slice(command.path.length);
    const specs = { ...GLOBAL_OPTIONS, ...command.options };
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: [...rest],
        allowPositionals: true,
        strict: true,
        options: Object.fromEntries(
          Object.entries(specs).map(([name, spec]) => [
            name,
            {
              type: spec.type,
              ...(spec.short ? { short: spec.short } : {}),
              ...(spec.multiple ? { multiple: true } : {}),
            },
          ]),
        ),
      });
    } catch (error) {
      throw new UsageError({
        zh: `参数有误：${(error as Error).message}。运行 kepu ${command.path.join(' ')} --help 查看用法。`,
        en: `${(error as Error).message}. Run kepu ${command.path.join(' ')} --help for usage.`,
      });
    }
    const values = { ...parsed.values } as Record<string, string | boolean | string[] | undefined>;
    if (values.help === true) {
      io.write(commandHelp(command, lang));
      return EXIT.ok;
    }
    for (const [name, spec] of Object.entries(specs)) {
      if (values[name] === undefined && spec.default !== undefined) values[name] = spec.default;
      const value = values[name];
      if (spec.choices && typeof value === 'string' && !spec.choices.includes(value)) {
        throw new UsageError({
          zh: `--${name} 只能取 ${spec.choices.join('、')}，收到“${value}”。`,
          en: `--${name} must be one of ${spec.choices.join(', ')}; got "${value}".`,
        });
      }
    }
    const required = (command.positionals ?? []).filter((p) => p.required);
    if (parsed.positionals.length < required.length) {
      const missing = required[parsed.positionals.length];
      throw new UsageError({
        zh: `缺少参数 <${missing?.name}>。用法：${command.usage}`,
        en: `Missing argument <${missing?.name}>. Usage: ${command.usage}`,
      });
    }
    return await command.run(
      { values, positionals: parsed.positionals },
      { io, lang: values.lang === 'en' ? 'en' : 'zh', json: values.json === true },
    );
  } catch (error) {
    return reportError(error, io, lang);
  }
}

function findCommand(argv: readonly string[], commands: readonly CommandSpec[]): CommandSpec | undefined {
  let best: CommandSpec | undefined;
  for (const command of commands) {
    if (
      command.path.every((word, i) => argv[i] === word) &&
      (best === undefined || command.path.length > best.path.length)
    ) {
      best = command;
    }
  }
  return best;
}

/**
 * Prints an error the way every command does and returns its exit code: 2 for a
 * {@link UsageError}, a `KepuError` (bad input) or an `OutputError` (a file it will not write),
 * 1 for anything else.
 * Exported for commands that catch per-item errors and go on.
 *
 * @example
 * ```ts
 * import { createMemoryIO, reportError } from '@kepu/cli';
 * reportError(new Error('disk full'), createMemoryIO(), 'zh'); // 1
 * ```
 */
export function reportError(error: unknown, io: CliIO, lang: Lang): number {
  if (isUsageError(error)) {
    io.error(`${t(lang, { zh: '用法错误', en: 'Usage error' })}: ${t(lang, error.text)}\n`);
    return EXIT.badInput;
  }
  if (isKepuError(error)) {
    io.error(formatIssues(error.issues, lang));
    return EXIT.badInput;
  }
  if (isOutputError(error)) {
    io.error(`${t(lang, { zh: '输出错误', en: 'Output error' })} [${error.code}]: ${t(lang, error.text)}\n`);
    return EXIT.badInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.error(`${t(lang, { zh: '失败', en: 'Failed' })}: ${message}\n`);
  return EXIT.failure;
}

/**
 * Lists issues one per line with their path and code, in the chosen language.
 *
 * @example
 * ```ts
 * io.error(formatIssues(result.issues, 'zh'));
 * ```
 */
export function formatIssues(issues: readonly KepuIssue[], lang: Lang): string {
  const head = t(lang, { zh: `发现 ${issues.length} 处问题：`, en: `${issues.length} problem(s) found:` });
  const lines = issues.map(
    (i) => `  - ${formatPath(i.path)} [${i.code}] ${lang === 'en' ? i.message.en : i.message.zh}`,
  );
  return `${head}\n${lines.join('\n')}\n`;
}

function optionLines(options: Readonly<Record<string, OptionSpec>>, lang: Lang): string[] {
  return Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type === 'string' ? ' <value>' : ''}`;
    const extra = [
      spec.choices ? `${t(lang, { zh: '可选', en: 'one of' })}: ${spec.choices.join('|')}` : '',
      spec.default !== undefined && spec.default !== false
        ? `${t(lang, { zh: '默认', en: 'default' })}: ${spec.default}`
        : '',
    ]
      .filter(Boolean)
      .join('; ');
    return `  ${flag.padEnd(28)} ${t(lang, spec.description)}${extra ? ` (${extra})` : ''}`;
  });
}

const EXIT_HELP = {
  zh: '退出码：0 成功；1 执行失败；2 用法或输入有误。',
  en: 'Exit codes: 0 ok; 1 failure; 2 bad usage or bad input.',
};

function commandHelp(command: CommandSpec, lang: Lang): string {
  const lines = [`${t(lang, command.summary)}`, '', `${t(lang, { zh: '用法', en: 'Usage' })}: ${command.usage}`, ''];
  if (command.positionals?.length) {
    lines.push(t(lang, { zh: '参数：', en: 'Arguments:' }));
    for (const p of command.positionals) lines.push(`  <${p.name}>`.padEnd(31) + t(lang, p.description));
    lines.push('');
  }
  lines.push(
    t(lang, { zh: '选项：', en: 'Options:' }),
    ...optionLines({ ...command.options, ...GLOBAL_OPTIONS }, lang),
  );
  if (command.details) lines.push('', t(lang, command.details));
  lines.push('', t(lang, EXIT_HELP), '');
  return lines.join('\n');
}

function globalHelp(lang: Lang, commands: readonly CommandSpec[]): string {
  const lines = [
    t(lang, {
      zh: 'kepu —— 全民科学素质行动实施方案：计划、责任、目标与考核',
      en: 'kepu — science-literacy implementation plans: tasks, responsibilities, targets and assessment',
    }),
    '',
    t(lang, { zh: '命令：', en: 'Commands:' }),
    ...commands.map((c) => `  ${`kepu ${c.path.join(' ')}`.padEnd(28)} ${t(lang, c.summary)}`),
    '',
    t(lang, { zh: '通用选项：', en: 'Common options:' }),
    ...optionLines(GLOBAL_OPTIONS, lang),
    '',
    t(lang, {
      zh: '运行 kepu <命令> --help 查看各命令的用法。',
      en: 'Run kepu <command> --help for a command’s usage.',
    }),
    t(lang, EXIT_HELP),
    '',
  ];
  return lines.join('\n');
}
