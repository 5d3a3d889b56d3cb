import { resolve } from 'node:path';
import type { EngineState } from '@kepu/core';
import { collectEvidenceGarbage, createDiskEvidenceStore } from '@kepu/server';
import { type CommandSpec, UsageError } from '../command.js';
import { openDatabase } from '../db.js';
import { EXIT } from '../exit-codes.js';
import { t } from '../i18n.js';
import { commandGroup } from './command-group.js';

const DEFAULT_DB = '.kepu/kepu.db';
const DEFAULT_EVIDENCE = '.kepu/evidence';
/** The namespace `kepu serve` keeps its records in. */
const SERVE_NAMESPACE = 'zhengning-2022-2025';

/** The records that name files, read from the store (never migrated or written). */
async function namingState(ref: string, cwd: string): Promise<EngineState> {
  const db = await openDatabase(ref, { cwd, namespace: SERVE_NAMESPACE, readOnly: true });
  try {
    const of = async (kind: string) =>
      Object.fromEntries((await db.store.listRecords({ kind })).map((r) => [r.id, r.data])) as never;
    return {
      version: 0,
      reports: await of('reports'),
      findings: await of('findings'),
      awards: {},
      incidents: {},
      targetReviews: await of('targetReviews'),
      assessments: {},
    };
  } finally {
    await db.dispose();
  }
}

/**
 * `kepu evidence gc`: removes the evidence files of a `kepu serve` folder that no record names
 * (uploads never attached), except those younger than the grace period (24 hours by default).
 * `--dry-run` only lists them. Run it while the server is stopped.
 */
export const evidenceGcCommand: CommandSpec = {
  path: ['evidence', 'gc'],
  summary: {
    zh: '清理未被任何报告或督查发现引用的佐证材料文件',
    en: 'remove evidence files no report or finding names',
  },
  usage: 'kepu evidence gc [--db .kepu/kepu.db] [--evidence .kepu/evidence] [--grace-hours 24] [--dry-run]',
  options: {
    db: { type: 'string', description: { zh: 'SQLite 数据库文件', en: 'SQLite database file' }, default: DEFAULT_DB },
    evidence: {
      type: 'string',
      description: { zh: '佐证材料文件夹', en: 'folder of evidence files' },
      default: DEFAULT_EVIDENCE,
    },
    'grace-hours': {
      type: 'string',
      description: {
        zh: '保留最近多少小时内上传的文件（上传者可能尚未关联）',
        en: 'keep files uploaded within this many hours (their uploader may still attach them)',
      },
      default: '24',
    },
    'dry-run': { type: 'boolean', description: { zh: '只列出，不删除', en: 'list only, remove nothing' } },
  },
  async run({ values }, { io, lang, json }) {
    const hours = Number(values['grace-hours']);
    if (!Number.isFinite(hours) || hours < 0) {
      throw new UsageError({
        zh: `--grace-hours 应为不小于 0 的数：${values['grace-hours']}`,
        en: `--grace-hours must be a number of at least 0: ${values['grace-hours']}`,
      });
    }
    const state = await namingState(String(values.db), io.cwd);
    const dryRun = values['dry-run'] === true;
    const result = await collectEvidenceGarbage({
      store: createDiskEvidenceStore({ root: resolve(io.cwd, String(values.evidence)) }),
      state,
      graceMs: hours * 3_600_000,
      dryRun,
    });
    const bytes = result.removed.reduce((sum, f) => sum + f.size, 0);
    if (json) {
      const removed = result.removed.map((f) => ({
        sha256: f.sha256,
        size: f.size,
        storedAt: f.storedAt.toISOString(),
      }));
      io.write(`${JSON.stringify({ dryRun, removed, bytes, named: result.named, young: result.young })}\n`);
      return EXIT.ok;
    }
    for (const file of result.removed) io.write(`${file.sha256}\t${file.size}\n`);
    const n = result.removed.length;
    io.write(
      t(lang, {
        zh: `${dryRun ? '可清理' : '已清理'} ${n} 个文件（${bytes} 字节）；保留被引用的 ${result.named} 个、${hours} 小时内上传的 ${result.young} 个。\n`,
        en: `${dryRun ? 'Would remove' : 'Removed'} ${n} file(s) (${bytes} bytes); kept ${result.named} named by records and ${result.young} uploaded within ${hours} hours.\n`,
      }),
    );
    return EXIT.ok;
  },
};

/**
 * `kepu evidence` and its sub-commands.
 *
 * @example
 * ```ts
 * EVIDENCE_COMMANDS.map((c) => c.path.join(' ')); // ['evidence', 'evidence gc']
 * ```
 */
export const EVIDENCE_COMMANDS: readonly CommandSpec[] = [
  commandGroup({
    name: 'evidence',
    summary: { zh: '佐证材料文件（kepu serve）', en: 'evidence files (kepu serve)' },
    usage: 'kepu evidence gc …',
    heading: { zh: '佐证材料命令：', en: 'Evidence commands:' },
    footer: {
      zh: '文件由 kepu serve 按 SHA-256 存放；见 docs/server.md。',
      en: 'kepu serve keeps the files by SHA-256; see docs/server.md.',
    },
    subcommands: [evidenceGcCommand],
  }),
  evidenceGcCommand,
];
