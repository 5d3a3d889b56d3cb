import { type CommandSpec, UsageError } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { type Bilingual, t } from '../i18n.js';

/**
 * A command that only groups sub-commands (`kepu survey`, `kepu audit`): run alone it lists each
 * sub-command with its summary and usage under `heading`, then `footer`; an unknown sub-command
 * is a usage error that names the ones there are.
 *
 * @example
 * ```ts
 * const group = commandGroup({ name: 'audit', summary, usage: 'kepu audit <checkpoint|verify> …', heading, footer, subcommands });
 * group.path; // ['audit']
 * ```
 */
export function commandGroup(group: {
  readonly name: string;
  readonly summary: Bilingual;
  readonly usage: string;
  readonly heading: Bilingual;
  readonly footer: Bilingual;
  readonly subcommands: readonly CommandSpec[];
}): CommandSpec {
  return {
    path: [group.name],
    summary: group.summary,
    usage: group.usage,
    options: {},
    positionals: [{ name: 'command', description: { zh: '子命令', en: 'sub-command' } }],
    run: ({ positionals }, { io, lang }) => {
      const names = group.subcommands.map((c) => c.path[1]).join(lang === 'zh' ? '、' : ', ');
      if (positionals.length > 0) {
        throw new UsageError({
          zh: `未知的 ${group.name} 子命令“${positionals[0]}”。可用：${names}。`,
          en: `Unknown ${group.name} command "${positionals[0]}". Use one of ${names}.`,
        });
      }
      const lines = group.subcommands.flatMap((c) => [
        `  kepu ${c.path.join(' ')}  ${t(lang, c.summary)}`,
        `    ${c.usage}`,
        '',
      ]);
      io.write(`${t(lang, group.heading)}\n\n${lines.join('\n')}${t(lang, group.footer)}\n`);
      return EXIT.ok;
    },
  };
}
