import { ENGINE_ROLES } from '@kepu/core';
import { endpointPermissions } from '../src/index.js';

/** The role × endpoint table as docs/server.md shows it, built from what the server enforces. */
export function roleTableMarkdown(): string {
  const header = `| endpoint | ${ENGINE_ROLES.join(' | ')} |`;
  const rule = `|---|${ENGINE_ROLES.map(() => '---').join('|')}|`;
  const rows = endpointPermissions().map(
    (e) =>
      `| \`${e.method} ${e.path}\` | ${ENGINE_ROLES.map((r) => (e.roles[r] === 'none' ? '—' : e.roles[r])).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}
