import { defineErrorCodes, IssueError, type IssueOf, type IssuePath } from '@kepu/core';
import { hasBrand } from '@kepu/core/model';

const SERVER_CODES = defineErrorCodes({
  unauthenticated: {
    zh: '未登录或登录已过期。请先登录，或在 Authorization 头中提供有效的 API 密钥。',
    en: 'Not signed in, or the session has expired. Sign in, or send a valid API key in the Authorization header.',
  },
  'login-failed': {
    zh: '用户名或密码不正确，或该账户因多次登录失败被暂时锁定。请核对后重试，或稍后再试。',
    en: 'Wrong username or password, or the account is locked for a while after repeated failures. Check and try again, or try later.',
  },
  'rate-limited': {
    zh: '请求过于频繁。请在 {seconds} 秒后重试。',
    en: 'Too many attempts. Try again in {seconds} seconds.',
  },
  'csrf-failed': {
    zh: '请求缺少有效的 CSRF 令牌（{detail}）。浏览器会话的写操作须在 X-CSRF-Token 头中带上登录时返回的令牌。',
    en: 'The request lacks a valid CSRF token ({detail}). Writes with a browser session must send the token returned at sign-in in the X-CSRF-Token header.',
  },
  'scope-denied': {
    zh: 'API 密钥没有“{scope}”权限。请使用具有该权限的密钥。',
    en: 'The API key lacks the "{scope}" scope. Use a key that has it.',
  },
  'role-denied': {
    zh: '账户“{user}”的角色（{roles}）均无权执行“{action}”。如需办理，请由县科协（纲要办）为账户绑定相应角色。',
    en: 'None of the roles of account "{user}" ({roles}) may {action}. Ask the plan office to bind a role that allows it.',
  },
  'no-such-binding': {
    zh: '账户“{user}”没有角色“{binding}”。可用的角色：{roles}。',
    en: 'Account "{user}" has no role "{binding}". Its roles: {roles}.',
  },
  'account-exists': {
    zh: '用户名“{username}”已被使用。请换一个用户名。',
    en: 'The username "{username}" is taken. Choose another one.',
  },
  'unknown-account': {
    zh: '找不到账户“{user}”。',
    en: 'No account "{user}".',
  },
  'weak-password': {
    zh: '密码太短：至少需要 {min} 个字符。',
    en: 'The password is too short: it needs at least {min} characters.',
  },
  'setup-closed': {
    zh: '初始管理员已经创建，或设置令牌不正确。请用已有的管理员账户登录。',
    en: 'The first administrator exists already, or the setup token is wrong. Sign in with an existing administrator.',
  },
  'idempotency-mismatch': {
    zh: '幂等键“{key}”已用于另一个请求。重试时请发送与首次完全相同的请求，新请求请使用新的键。',
    en: 'The idempotency key "{key}" was used for a different request. Retry with exactly the first request, or use a new key for a new one.',
  },
  'idempotency-in-flight': {
    zh: '幂等键“{key}”的首次请求仍在处理中。请稍后重试。',
    en: 'The first request with idempotency key "{key}" is still being processed. Retry shortly.',
  },
  'not-found': {
    zh: '没有这个地址：{path}。接口列表见 /api/openapi.json。',
    en: 'Nothing at {path}. The endpoints are listed at /api/openapi.json.',
  },
  'payload-too-large': {
    zh: '请求体超过上限 {limit} 字节。',
    en: 'The request body is larger than the limit of {limit} bytes.',
  },
  'evidence-too-large': {
    zh: '文件超过上限 {limit} 字节。请压缩或拆分后再上传。',
    en: 'The file is larger than the limit of {limit} bytes. Compress or split it, then upload again.',
  },
  'evidence-type-refused': {
    zh: '不接受此类文件（按文件内容识别为：{detected}）。可上传：{allowed}。请转换为其中一种格式后再上传。',
    en: 'This kind of file is not accepted (its content reads as: {detected}). Accepted: {allowed}. Convert it to one of these, then upload again.',
  },
  'evidence-no-file': {
    zh: '请求中没有文件。请以 multipart/form-data 上传，文件放在名为“file”的字段中。',
    en: 'The request carries no file. Upload it as multipart/form-data, in a field named "file".',
  },
  'evidence-missing': {
    zh: '服务器上没有 SHA-256 为 {sha256} 的文件。请先通过 POST /api/evidence 上传，再使用返回的元数据。',
    en: 'The server holds no file with SHA-256 {sha256}. Upload it with POST /api/evidence first, then use the metadata it returns.',
  },
  'evidence-mismatch': {
    zh: '文件 {sha256} 的字段“{field}”与服务器保存的不一致（所填：{given}；实际：{actual}）。请使用上传时返回的元数据。',
    en: 'The {field} given for file {sha256} differs from the stored file (given: {given}; actual: {actual}). Use the metadata the upload returned.',
  },
  'evidence-not-found': {
    zh: '找不到该文件，或您无权查看引用它的报告或督查发现。',
    en: 'No such file, or you may not read any report or finding it is attached to.',
  },
  'evidence-corrupt': {
    zh: '服务器保存的文件 {sha256} 与其哈希不符，可能已被篡改或损坏，已拒绝提供。请管理员从备份恢复该文件（重新上传原文件也可修复）。',
    en: 'The stored file {sha256} does not match its hash: it was changed or damaged, and is refused. The administrator must restore it from a backup (uploading the original again also repairs it).',
  },
  'evidence-unavailable': {
    zh: '本服务未配置佐证材料存储，不能上传或下载文件。',
    en: 'This server has no evidence store configured: files cannot be uploaded or downloaded.',
  },
  'shutting-down': {
    zh: '服务正在关闭，未接受本次请求。请稍后重试。',
    en: 'The server is shutting down and did not take this request. Retry shortly.',
  },
  internal: {
    zh: '服务内部错误（编号 {ref}）。本次操作的结果请以审计日志为准；请把编号告知管理员。',
    en: 'Internal server error (reference {ref}). Check the audit log for the outcome; give the reference to the administrator.',
  },
});

/**
 * Every error code of `@kepu/server` with its bilingual template. The engine's own codes
 * (`forbidden`, `invalid-shape`, `version-conflict`, …) reach clients unchanged; these are the
 * codes of the HTTP layer around it.
 *
 * @example
 * ```ts
 * import { SERVER_ERROR_CODES } from '@kepu/server';
 * SERVER_ERROR_CODES['login-failed'].en;
 * ```
 */
export const SERVER_ERROR_CODES = SERVER_CODES.templates;

/**
 * A code from {@link SERVER_ERROR_CODES}.
 *
 * @example
 * ```ts
 * import type { ServerErrorCode } from '@kepu/server';
 * const code: ServerErrorCode = 'csrf-failed';
 * ```
 */
export type ServerErrorCode = keyof typeof SERVER_ERROR_CODES;

const SERVER_ERROR = Symbol.for('@kepu/server/ServerError');

/**
 * The one error class of `@kepu/server`: an HTTP status and the issues that explain it, rendered
 * as RFC 9457 problem details like the engine's errors.
 *
 * @example
 * ```ts
 * import { ServerError } from '@kepu/server';
 * throw ServerError.of(401, 'unauthenticated');
 * ```
 */
export class ServerError extends IssueError<IssueOf<ServerErrorCode>> {
  readonly [SERVER_ERROR] = true;
  /** The HTTP status the error is answered with. */
  readonly status: number;
  /** Extra response headers, such as `Retry-After`. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    issues: ReadonlyArray<IssueOf<ServerErrorCode>>,
    options: { cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super('ServerError', issues, options);
    this.status = status;
    this.headers = options.headers ?? {};
  }

  /** One issue of `code` at `path` (default: none), its message filled from `params`. */
  static of(
    status: number,
    code: ServerErrorCode,
    params: Readonly<Record<string, string>> = {},
    options: { path?: IssuePath; headers?: Record<string, string>; cause?: unknown } = {},
  ): ServerError {
    const issue = (
      SERVER_CODES.issue as (c: ServerErrorCode, p: IssuePath, v: Record<string, string>) => IssueOf<ServerErrorCode>
    )(code, options.path ?? [], { ...params });
    return new ServerError(status, [issue], options);
  }
}

/**
 * True for a {@link ServerError}, even one thrown by another copy of the package.
 *
 * @example
 * ```ts
 * import { isServerError, ServerError } from '@kepu/server';
 * isServerError(ServerError.of(404, 'not-found', { path: '/x' })); // true
 * ```
 */
export function isServerError(value: unknown): value is ServerError {
  return hasBrand(value, SERVER_ERROR);
}
