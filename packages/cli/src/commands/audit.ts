import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AuditAnchor, AuditProblem, AuditVerification } from '@kepu/core';
import { anchorOfHead, parseAuditAnchor, verifyStoreAudit } from '@kepu/core/engine';
import {
  anchorSignatureHolds,
  embeddedPublicKey,
  generateAuditKeyPair,
  readAuditKey,
  signAuditAnchor,
} from '../audit-signing.js';
import { type CommandArgs, type CommandSpec, UsageError } from '../command.js';
import { type OpenedDatabase, openDatabase } from '../db.js';
import { EXIT } from '../exit-codes.js';
import { type Bilingual, t } from '../i18n.js';
import type { CliIO } from '../io.js';
import { loadPlan, readJson } from '../plans.js';
import { FORCE_OPTION, withOutputs } from '../safe-output.js';
import { commandGroup } from './command-group.js';
import { DB_OPTIONS, namespaceFor, outputOf, PLAN_OPTION, requireDb } from './options.js';

const PROBLEMS: Record<AuditProblem, Bilingual> = {
  'hash-mismatch': { zh: '记录内容与其哈希不符，记录被修改过', en: 'an entry does not match its hash: it was changed' },
  'broken-link': {
    zh: '记录与前一条的链接断开，记录被修改、删除或调换过',
    en: 'an entry does not link to the one before: entries were changed, removed or moved',
  },
  'out-of-order': { zh: '记录序号不连续，记录被删除或调换过', en: 'the entries are out of sequence' },
  'bad-version': { zh: '数据版本号跳变异常', en: 'the state version moves wrongly' },
  missing: { zh: '日志头所指的记录缺失，日志被截短', en: 'entries the head promises are missing' },
  'records-diverge': {
    zh: '存储的数据与日志回放的结果不一致，数据被绕过日志直接修改',
    en: 'the stored records differ from a replay of the log',
  },
  truncated: {
    zh: '日志比锚点短：锚点之后的记录被删除，或数据库被换回了旧副本',
    en: 'the log ends before the anchor: entries were removed or an older copy was restored',
  },
  rechained: {
    zh: '锚点处的记录与锚点不符：日志被修改后重新计算了哈希',
    en: 'the entry at the anchor is not the one it names: the log was edited and re-hashed',
  },
};

/** The namespace `--namespace` gives, or the plan's id (as every command that opens `--db` does). */
async function namespaceOf(values: CommandArgs['values'], io: CliIO): Promise<string> {
  // The plan is read only when it names the namespace.
  const planId = typeof values.namespace === 'string' ? '' : (await loadPlan(String(values.plan), io.cwd)).id;
  return namespaceFor(values, planId);
}

async function withDatabase<T>(
  values: CommandArgs['values'],
  io: CliIO,
  work: (db: OpenedDatabase, namespace: string) => Promise<T>,
): Promise<T> {
  const ref = requireDb(values);
  const namespace = await namespaceOf(values, io);
  // Only read: an SQLite file is copied, never migrated or written.
  const db = await openDatabase(ref, { cwd: io.cwd, namespace, readOnly: true });
  try {
    return await work(db, namespace);
  } finally {
    await db.dispose();
  }
}

function describeFailure(v: Extract<AuditVerification, { ok: false }>, lang: 'zh' | 'en'): string {
  const bad = v.firstBad;
  const what = t(lang, PROBLEMS[bad.problem]);
  return lang === 'en'
    ? `The audit log FAILS verification at entry ${bad.seq} (${bad.problem}): ${what}.\n  ${bad.detail}\n`
    : `审计日志校验未通过：第 ${bad.seq} 条（${bad.problem}），${what}。请停止写入，用可信备份核查。\n`;
}

const ANCHOR_TEXT = /^\s*\d{1,16}:[0-9a-fA-F]{64}\s*$/;

/** `--anchor`: the text `seq:hash`, or the path of an anchor file (JSON). */
async function readAnchor(ref: string, cwd: string): Promise<AuditAnchor> {
  if (ANCHOR_TEXT.test(ref)) return parseAuditAnchor(ref);
  return parseAuditAnchor(await readJson(resolve(cwd, ref)));
}

/**
 * `kepu audit checkpoint --db <db> [--out <file>] [--key <private.pem>]`: verifies the database's
 * audit log and writes an anchor of its head (seq, hash, version, time, namespace), signed with
 * an Ed25519 key when `--key` is given. Without `--out` the anchor goes to stdout.
 *
 * @example
 * ```ts
 * import { createMemoryIO, runCli } from '@kepu/cli';
 * await runCli(['audit', 'checkpoint', '--db', 'county.db', '--out', 'anchor-2026-01.json'], createMemoryIO());
 * ```
 */
export const auditCheckpointCommand: CommandSpec = {
  path: ['audit', 'checkpoint'],
  summary: {
    zh: '记录审计日志的检查点（锚点）：日志头的序号与哈希，可签名',
    en: 'write a checkpoint (anchor) of the audit log: the head’s seq and hash, optionally signed',
  },
  usage:
    'kepu audit checkpoint --db <sqlite path | postgres url> [--out <anchor.json>] [--force] [--key <private.pem>] [--namespace <ns>]',
  options: {
    ...DB_OPTIONS,
    out: {
      type: 'string',
      description: { zh: '锚点文件（缺省写到标准输出）', en: 'the anchor file (default: stdout)' },
    },
    key: {
      type: 'string',
      description: {
        zh: '用此 Ed25519 私钥（kepu audit keygen 生成）签名锚点',
        en: 'sign the anchor with this Ed25519 private key (from kepu audit keygen)',
      },
    },
    ...FORCE_OPTION,
    ...PLAN_OPTION,
  },
  details: {
    zh: '先完整校验审计日志，校验不通过则不写锚点（退出码 1）。锚点要保存在数据库写入者改不了的地方：另一台机器、打印存档、公告或发给上级。详见 docs/engine.md 的“威胁模型”。',
    en: 'The log is verified first; a log that fails gets no anchor (exit 1). Keep anchors where the database’s writers cannot change them: another machine, a printout, a notice, your supervisor’s mailbox. See the threat model in docs/engine.md.',
  },
  async run(args, { io, lang, json }) {
    const { values } = args;
    const key = typeof values.key === 'string' ? await readAuditKey(values.key, io.cwd, 'private') : undefined;
    const out = typeof values.out === 'string' ? await outputOf(values.out, args, io) : undefined;
    return withOutputs(out ? [out] : [], () =>
      withDatabase(values, io, async (db, namespace) => {
        const verification = await verifyStoreAudit(db.store);
        if (!verification.ok) {
          io.error(describeFailure(verification, lang));
          io.error(
            t(lang, {
              zh: '未写入锚点：校验不通过的日志不能作为检查点。\n',
              en: 'No anchor written: a log that fails verification is no checkpoint.\n',
            }),
          );
          return EXIT.failure;
        }
        const unsigned = anchorOfHead(verification.head, {
          at: new Date().toISOString(),
          ...(db.kind === 'postgres' ? { namespace } : {}),
        });
        const anchor = key ? signAuditAnchor(unsigned, key) : unsigned;
        const text = `${JSON.stringify(anchor, null, 2)}\n`;
        if (!out) {
          io.write(text);
          return EXIT.ok;
        }
        await out.write(text);
        if (json) {
          io.write(`${JSON.stringify({ file: out.path, anchor })}\n`);
          return EXIT.ok;
        }
        io.write(
          t(lang, {
            zh: `已写入审计锚点 ${out.path}：第 ${anchor.seq} 条，哈希 ${anchor.hash.slice(0, 16)}…${key ? '，已签名' : ''}。\n请把它保存在数据库写入者改不了的地方；日后用 kepu audit verify --anchor 核对。\n`,
            en: `Wrote the audit anchor ${out.path}: entry ${anchor.seq}, hash ${anchor.hash.slice(0, 16)}…${key ? ', signed' : ''}.\nKeep it where the database’s writers cannot change it; check later with kepu audit verify --anchor.\n`,
          }),
        );
        return EXIT.ok;
      }),
    );
  },
};

/**
 * `kepu audit keygen --out <folder>`: makes an Ed25519 key pair for signing anchors:
 * `kepu-audit.key` (private, readable by its owner only) and `kepu-audit.pub` (public).
 *
 * @example
 * ```ts
 * import { createMemoryIO, runCli } from '@kepu/cli';
 * await runCli(['audit', 'keygen', '--out', 'keys'], createMemoryIO());
 * ```
 */
export const auditKeygenCommand: CommandSpec = {
  path: ['audit', 'keygen'],
  summary: {
    zh: '生成签名锚点用的 Ed25519 密钥对',
    en: 'make an Ed25519 key pair for signing anchors',
  },
  usage: 'kepu audit keygen --out <folder> [--force]',
  options: {
    out: {
      type: 'string',
      description: {
        zh: '存放 kepu-audit.key（私钥）与 kepu-audit.pub（公钥）的已有文件夹',
        en: 'an existing folder for kepu-audit.key (private) and kepu-audit.pub (public)',
      },
    },
    ...FORCE_OPTION,
  },
  details: {
    zh: '私钥文件权限为 0600，只有本人可读；请离线妥善保管，不要放在数据库服务器上。公钥交给核查人员。',
    en: 'The private key file has mode 0600 (its owner only); keep it offline, not on the database server. Give the public key to whoever checks.',
  },
  async run(args, { io, lang, json }) {
    const folder = args.values.out;
    if (typeof folder !== 'string' || folder === '') {
      throw new UsageError({ zh: '缺少 --out <文件夹>。', en: 'Missing --out <folder>.' });
    }
    const privatePath = join(folder, 'kepu-audit.key');
    const publicPath = join(folder, 'kepu-audit.pub');
    const secret = await outputOf(privatePath, args, io, { mode: 0o600 });
    const open = await outputOf(publicPath, args, io).catch(async (error: unknown) => {
      await secret.discard();
      throw error;
    });
    return withOutputs([secret, open], async () => {
      const pair = generateAuditKeyPair();
      await secret.write(pair.privateKey);
      try {
        await open.write(pair.publicKey);
      } catch (error) {
        // Never leave a private key beside a public key that is not its pair.
        await rm(secret.path, { force: true });
        throw error;
      }
      if (json) io.write(`${JSON.stringify({ privateKey: secret.path, publicKey: open.path })}\n`);
      else {
        io.write(
          t(lang, {
            zh: `已生成密钥对：私钥 ${secret.path}（仅本人可读，请离线保管），公钥 ${open.path}。\n`,
            en: `Made a key pair: private ${secret.path} (owner only; keep it offline), public ${open.path}.\n`,
          }),
        );
      }
      return EXIT.ok;
    });
  },
};

/**
 * `kepu audit verify --db <db> --anchor <file | seq:hash> [--public-key <pem>]`: verifies the
 * audit log and that it still holds what the anchor vouches for. Exit 0: intact; 1: tampered (or
 * a signature that does not verify); 2: bad input.
 *
 * @example
 * ```ts
 * import { createMemoryIO, runCli } from '@kepu/cli';
 * await runCli(['audit', 'verify', '--db', 'county.db', '--anchor', 'anchor-2026-01.json'], createMemoryIO());
 * ```
 */
export const auditVerifyCommand: CommandSpec = {
  path: ['audit', 'verify'],
  summary: {
    zh: '用锚点核对审计日志：发现截短、改写或重算哈希',
    en: 'check the audit log against an anchor: catches truncation, edits and re-hashing',
  },
  usage:
    'kepu audit verify --db <sqlite path | postgres url> --anchor <anchor.json | seq:hash> [--public-key <public.pem>] [--namespace <ns>]',
  options: {
    ...DB_OPTIONS,
    anchor: {
      type: 'string',
      description: {
        zh: '锚点文件（kepu audit checkpoint 生成），或“序号:哈希”',
        en: 'an anchor file (from kepu audit checkpoint), or seq:hash',
      },
    },
    'public-key': {
      type: 'string',
      description: {
        zh: '签发者的 Ed25519 公钥；给出时锚点必须带有效签名',
        en: 'the signer’s Ed25519 public key; with it the anchor must carry a valid signature',
      },
    },
    ...PLAN_OPTION,
  },
  details: {
    zh: '退出码：0 完好；1 日志被改动，或签名无效；2 输入有误。没有 --public-key 时，签名只用锚点自带的公钥核对，只能说明锚点文件本身未被改动，不能证明是谁签发的。',
    en: 'Exit 0: intact; 1: tampered, or a bad signature; 2: bad input. Without --public-key a signature is only checked against the key the anchor carries, which shows the file is whole but not who signed it.',
  },
  async run(args, { io, lang, json }) {
    const { values } = args;
    if (typeof values.anchor !== 'string' || values.anchor === '') {
      throw new UsageError({ zh: '缺少 --anchor <锚点文件或 序号:哈希>。', en: 'Missing --anchor <file | seq:hash>.' });
    }
    const anchor = await readAnchor(values.anchor, io.cwd);
    const trusted =
      typeof values['public-key'] === 'string' ? await readAuditKey(values['public-key'], io.cwd, 'public') : undefined;
    const signature = checkSignature(anchor, trusted);
    if (signature.refused) {
      io.error(t(lang, signature.message));
      return EXIT.failure;
    }
    return withDatabase(values, io, async (db, namespace) => {
      if (db.kind === 'postgres' && anchor.namespace !== undefined && anchor.namespace !== namespace) {
        throw new UsageError({
          zh: `锚点属于命名空间“${anchor.namespace}”，而打开的是“${namespace}”。请用 --namespace ${anchor.namespace}。`,
          en: `The anchor belongs to namespace "${anchor.namespace}", but "${namespace}" was opened. Use --namespace ${anchor.namespace}.`,
        });
      }
      const verification = await verifyStoreAudit(db.store, { anchor });
      if (json) {
        io.write(`${JSON.stringify({ ok: verification.ok, anchor, signature: signature.state, verification })}\n`);
        return verification.ok ? EXIT.ok : EXIT.failure;
      }
      if (!verification.ok) {
        io.error(describeFailure(verification, lang));
        return EXIT.failure;
      }
      const when = anchor.at ? t(lang, { zh: `（锚点时间 ${anchor.at}）`, en: ` (anchor taken ${anchor.at})` }) : '';
      io.write(
        t(lang, {
          zh: `审计日志完好：共 ${verification.entries} 条，日志头为第 ${verification.head.seq} 条；第 ${anchor.seq} 条与锚点一致${when}。\n`,
          en: `The audit log is intact: ${verification.entries} entries, head at ${verification.head.seq}; entry ${anchor.seq} is the one the anchor names${when}.\n`,
        }),
      );
      if (signature.message.zh) io.write(t(lang, signature.message));
      return EXIT.ok;
    });
  },
};

type SignatureCheck =
  | { readonly refused: true; readonly message: Bilingual }
  | {
      readonly refused: false;
      readonly state: 'trusted' | 'self-consistent' | 'unsigned';
      readonly message: Bilingual;
    };

/** The anchor's signature against the trusted key, or (without one) against the key it carries. */
function checkSignature(anchor: AuditAnchor, trusted: ReturnType<typeof embeddedPublicKey>): SignatureCheck {
  if (trusted) {
    if (anchor.signature === undefined) {
      return {
        refused: true,
        message: {
          zh: '锚点没有签名，但给出了 --public-key：无法确认锚点出自该密钥的持有者，已拒绝。\n',
          en: 'The anchor is not signed, but --public-key was given: it cannot be shown to come from that key’s holder. Refused.\n',
        },
      };
    }
    if (!anchorSignatureHolds(anchor, trusted)) {
      return {
        refused: true,
        message: {
          zh: '锚点签名无效：锚点被改动过，或不是用该公钥对应的私钥签发的。已拒绝，未核对数据库。\n',
          en: 'The anchor’s signature does not verify: the anchor was altered, or not signed with this public key’s private key. Refused; the database was not checked.\n',
        },
      };
    }
    return {
      refused: false,
      state: 'trusted',
      message: {
        zh: '锚点签名有效（已用给出的公钥核对）。\n',
        en: 'The anchor’s signature verifies with the given public key.\n',
      },
    };
  }
  if (anchor.signature === undefined) return { refused: false, state: 'unsigned', message: { zh: '', en: '' } };
  const carried = embeddedPublicKey(anchor);
  if (!carried || !anchorSignatureHolds(anchor, carried)) {
    return {
      refused: true,
      message: {
        zh: '锚点签名与其自带的公钥不符：锚点文件被改动过。已拒绝，未核对数据库。\n',
        en: 'The anchor’s signature does not match the key it carries: the anchor file was altered. Refused; the database was not checked.\n',
      },
    };
  }
  return {
    refused: false,
    state: 'self-consistent',
    message: {
      zh: '注意：签名只用锚点自带的公钥核对过，说明锚点未被改动，但不能证明签发者；请用 --public-key 给出您保存的公钥。\n',
      en: 'Note: the signature was only checked against the key the anchor carries: the anchor is whole, but its signer is unproven. Give the key you keep with --public-key.\n',
    },
  };
}

const SUBCOMMANDS = [auditCheckpointCommand, auditKeygenCommand, auditVerifyCommand];

/**
 * `kepu audit`: lists the audit sub-commands with their usage.
 *
 * @example
 * ```ts
 * await runCli(['audit'], io); // prints checkpoint, keygen and verify with their usage
 * ```
 */
export const auditCommand: CommandSpec = commandGroup({
  name: 'audit',
  summary: {
    zh: '审计锚点：记录检查点、生成签名密钥、用锚点核对审计日志（见下列子命令）',
    en: 'audit anchors: write checkpoints, make signing keys, check the log against an anchor (sub-commands below)',
  },
  usage: 'kepu audit <checkpoint|keygen|verify> …',
  heading: { zh: '审计锚点命令：', en: 'Audit anchor commands:' },
  footer: {
    zh: '运行 kepu audit <子命令> --help 查看各选项；威胁模型见 docs/engine.md。',
    en: 'Run kepu audit <command> --help for its options; the threat model is in docs/engine.md.',
  },
  subcommands: SUBCOMMANDS,
});

/**
 * The `kepu audit` commands: the group, `checkpoint`, `keygen`, `verify`.
 *
 * @example
 * ```ts
 * AUDIT_COMMANDS.map((c) => c.path.join(' ')); // ['audit', 'audit checkpoint', 'audit keygen', 'audit verify']
 * ```
 */
export const AUDIT_COMMANDS: readonly CommandSpec[] = [auditCommand, ...SUBCOMMANDS];
