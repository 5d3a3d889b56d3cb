import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createEngine, type KepuPlugin } from '@kepu/core';
import { zhengning } from '@kepu/plan-zhengning';
import {
  createAccounts,
  createDiskEvidenceStore,
  createPostgresAccountStore,
  createSqliteAccountStore,
  dashboardFolder,
  serve,
} from '@kepu/server';
import { type CommandSpec, UsageError } from '../command.js';
import { isPostgresUrl, openDatabase } from '../db.js';
import { EXIT } from '../exit-codes.js';
import { t } from '../i18n.js';
import { loadPluginModule } from '../plugin-module.js';

const DEFAULT_DB = '.kepu/kepu.db';
const DEFAULT_EVIDENCE = '.kepu/evidence';

/** Resolves at the first SIGTERM or SIGINT, then stops listening for either. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGTERM', done);
      process.off('SIGINT', done);
      resolve();
    };
    process.on('SIGTERM', done);
    process.on('SIGINT', done);
  });
}

/** Each `--plugin` module's plugin, in the order given. */
async function loadPlugins(modules: readonly string[], cwd: string): Promise<KepuPlugin[]> {
  const plugins: KepuPlugin[] = [];
  for (const module of modules) plugins.push(await loadPluginModule(module, cwd));
  return plugins;
}

/**
 * The namespace a served database keeps the county in: `--namespace`, or else the id of the one
 * plan the plugins bring. Plugins with several plans (or none) need `--namespace`.
 */
function namespaceOf(given: unknown, plugins: readonly KepuPlugin[]): string {
  if (typeof given === 'string') return given;
  const ids = plugins.flatMap((p) => (Array.isArray(p?.plans) ? p.plans : [])).map((plan) => plan?.id);
  if (ids.length === 1 && typeof ids[0] === 'string') return ids[0];
  throw new UsageError({
    zh: `插件带来 ${ids.length} 个计划，无法确定数据命名空间：请用 --namespace 指定。`,
    en: `The plugins bring ${ids.length} plans, so the data namespace is not clear: give it with --namespace.`,
  });
}

/**
 * `kepu serve`: the county's HTTP service on the embedded SQLite database (`.kepu/kepu.db`) with
 * the Zhengning plan, or on PostgreSQL (`--db postgres://…`, one namespace per county, accounts
 * kept per namespace) with the county plugins given by `--plugin`. With `--init` it creates the
 * first administrator (password from `KEPU_ADMIN_PASSWORD`, or a random one printed once);
 * without accounts it prints a one-time setup token instead. Evidence files go to
 * `.kepu/evidence` (`--evidence` names another folder), up to 20 MB each by default
 * (`--evidence-max-mb`). Stops on SIGTERM or SIGINT after the commands in flight have committed.
 */
export const serveCommand: CommandSpec = {
  path: ['serve'],
  summary: {
    zh: '启动 HTTP 服务（账户、接口、OpenAPI 文档）',
    en: 'run the HTTP service (accounts, API, OpenAPI document)',
  },
  usage:
    'kepu serve [--port 8787] [--host 127.0.0.1] [--db .kepu/kepu.db | postgres://…] [--namespace <ns>] [--plugin <module>[#export]]… [--evidence .kepu/evidence] [--evidence-max-mb 20] [--dashboard <folder>] [--init [--admin admin]]',
  options: {
    port: {
      type: 'string',
      description: { zh: '端口（0 为任选空闲端口）', en: 'port (0 picks a free one)' },
      default: '8787',
    },
    host: { type: 'string', description: { zh: '监听地址', en: 'address to listen on' }, default: '127.0.0.1' },
    db: {
      type: 'string',
      description: {
        zh: 'SQLite 数据库文件，或 PostgreSQL 连接 URL（postgres://…）',
        en: 'an SQLite database file, or a PostgreSQL URL (postgres://…)',
      },
      default: DEFAULT_DB,
    },
    namespace: {
      type: 'string',
      description: {
        zh: '数据命名空间：一个 PostgreSQL 数据库中每个县一个（缺省为插件唯一计划的编号）',
        en: 'the data namespace: one per county in a PostgreSQL database (default: the id of the plugins’ one plan)',
      },
    },
    plugin: {
      type: 'string',
      multiple: true,
      description: {
        zh: '县插件模块（文件路径或包名，#后可指定导出名）；缺省为正宁县',
        en: 'a county plugin module (a path or a package; #name picks an export); default: Zhengning',
      },
    },
    evidence: {
      type: 'string',
      description: {
        zh: '佐证材料文件夹（按 SHA-256 存放）',
        en: 'folder of evidence files (stored by SHA-256)',
      },
      default: DEFAULT_EVIDENCE,
    },
    'evidence-max-mb': {
      type: 'string',
      description: { zh: '单个佐证材料的上限（MB）', en: 'largest evidence file, in MB' },
      default: '20',
    },
    dashboard: {
      type: 'string',
      description: {
        zh: '已构建的仪表盘文件夹（含 index.html），在 / 提供',
        en: 'a built dashboard folder (with index.html), served at /',
      },
    },
    init: {
      type: 'boolean',
      description: { zh: '创建首个管理员（县科协）', en: 'create the first administrator (plan office)' },
    },
    admin: {
      type: 'string',
      description: { zh: '首个管理员的用户名', en: 'username of the first administrator' },
      default: 'admin',
    },
  },
  async run({ values }, { io, lang }) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      throw new UsageError({
        zh: `--port 应为 0 到 65535 的整数：${values.port}`,
        en: `--port must be an integer from 0 to 65535: ${values.port}`,
      });
    }
    const dashboardRoot = values.dashboard === undefined ? undefined : resolve(io.cwd, String(values.dashboard));
    if (dashboardRoot !== undefined && !existsSync(join(dashboardRoot, 'index.html'))) {
      throw new UsageError({
        zh: `--dashboard 文件夹中没有 index.html：${dashboardRoot}。请先构建仪表盘（pnpm --filter @kepu/example-dashboard run build），再指向其 dist 文件夹。`,
        en: `--dashboard has no index.html: ${dashboardRoot}. Build the dashboard first (pnpm --filter @kepu/example-dashboard run build) and name its dist folder.`,
      });
    }
    const maxMb = Number(values['evidence-max-mb']);
    if (!Number.isFinite(maxMb) || maxMb <= 0 || maxMb > 1024) {
      throw new UsageError({
        zh: `--evidence-max-mb 应为大于 0、不超过 1024 的数：${values['evidence-max-mb']}`,
        en: `--evidence-max-mb must be a number above 0 and at most 1024: ${values['evidence-max-mb']}`,
      });
    }
    const ref = String(values.db);
    const modules = Array.isArray(values.plugin) ? values.plugin.map(String) : [];
    const plugins = modules.length > 0 ? await loadPlugins(modules, io.cwd) : [zhengning()];
    const namespace = namespaceOf(values.namespace, plugins);
    // The default .kepu/ folder is the service's own, made when missing (as the demo's is); a
    // database path the user names follows the file output policy: its folder must exist.
    if (ref === DEFAULT_DB) await mkdir(dirname(resolve(io.cwd, ref)), { recursive: true });
    const db = await openDatabase(ref, { cwd: io.cwd, namespace, create: true });
    const engine = await createEngine({
      plugins,
      store: db.store,
      reporting: { cadence: 'annual' },
      watch: false,
    }).catch(async (error: unknown) => {
      // A plugin the engine refuses leaves nothing open behind it.
      await db.dispose();
      throw error;
    });
    // Accounts live beside the county's data: in the SQLite file, or in the PostgreSQL schema
    // under the same namespace, so two counties in one database never share a user.
    const accountStore = isPostgresUrl(ref)
      ? createPostgresAccountStore({ connectionString: ref, namespace })
      : createSqliteAccountStore({ filename: db.label });
    const accounts = createAccounts({ store: accountStore });
    const stop = async () => {
      await engine.dispose();
      await accountStore.dispose();
      await db.dispose();
    };
    try {
      if (values.init === true) {
        if (!(await accounts.needsSetup())) {
          throw new UsageError({
            zh: '已有账户，无需 --init。请用已有管理员登录。',
            en: 'Accounts exist already: --init is not needed. Sign in as an existing administrator.',
          });
        }
        const password = io.env.KEPU_ADMIN_PASSWORD ?? randomBytes(18).toString('base64url');
        const admin = await accounts.createFirstAdmin({ username: String(values.admin), password });
        io.write(
          t(lang, {
            zh: `已创建管理员 ${admin.username}${io.env.KEPU_ADMIN_PASSWORD ? '（密码取自 KEPU_ADMIN_PASSWORD）' : `，初始密码：${password}（只显示这一次）`}\n`,
            en: `Created administrator ${admin.username}${io.env.KEPU_ADMIN_PASSWORD ? ' (password from KEPU_ADMIN_PASSWORD)' : `, password: ${password} (shown once)`}\n`,
          }),
        );
      }
      const evidenceRoot = resolve(io.cwd, String(values.evidence));
      const server = await serve({
        engine,
        accounts,
        ...(dashboardRoot === undefined ? {} : { dashboard: dashboardFolder(dashboardRoot) }),
        evidence: {
          store: createDiskEvidenceStore({ root: evidenceRoot }),
          maxBytes: Math.floor(maxMb * 1024 * 1024),
        },
        port,
        host: String(values.host),
        log: (entry) => io.error(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`),
      });
      io.write(t(lang, { zh: `Kepu 服务已启动：${server.url}\n`, en: `Kepu is serving at ${server.url}\n` }));
      io.write(t(lang, { zh: `接口文档：${server.url}/api/docs\n`, en: `API reference: ${server.url}/api/docs\n` }));
      if (dashboardRoot !== undefined) {
        io.write(t(lang, { zh: `仪表盘：${server.url}/\n`, en: `Dashboard: ${server.url}/\n` }));
      }
      io.write(
        t(lang, { zh: `佐证材料存放于：${evidenceRoot}\n`, en: `Evidence files are kept in: ${evidenceRoot}\n` }),
      );
      const token = await accounts.setupToken();
      if (token) {
        io.write(
          t(lang, {
            zh: `尚无账户。一次性设置令牌：${token}\n用它 POST ${server.url}/api/setup 创建首个管理员，或用 kepu serve --init 重启。\n`,
            en: `No accounts yet. One-time setup token: ${token}\nPOST it to ${server.url}/api/setup to create the first administrator, or restart with kepu serve --init.\n`,
          }),
        );
      }
      await untilSignal();
      io.write(
        t(lang, { zh: '正在停止：等待进行中的操作提交…\n', en: 'Stopping: letting commands in flight commit…\n' }),
      );
      await server.close();
    } finally {
      await stop();
    }
    return EXIT.ok;
  },
};
