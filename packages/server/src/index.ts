export type {
  AccountAuditEvent,
  AccountStore,
  ApiScope,
  IdempotencyRecord,
  RoleBinding,
  StoredApiKey,
  StoredSession,
  StoredUser,
} from './accounts/account-store.js';
export { API_SCOPES } from './accounts/account-store.js';
export type { Accounts, AccountsOptions, NewAccount, PublicUser } from './accounts/accounts.js';
export { createAccounts, publicUser, RoleBindingSchema, UsernameSchema } from './accounts/accounts.js';
export type { LoginLimiterOptions } from './accounts/login-limiter.js';
export { createLoginLimiter } from './accounts/login-limiter.js';
export type { PasswordCost } from './accounts/password.js';
export { DEFAULT_PASSWORD_COST, hashPassword, verifyPassword } from './accounts/password.js';
export type { PostgresAccountStoreOptions } from './accounts/postgres-account-store.js';
export { createPostgresAccountStore } from './accounts/postgres-account-store.js';
export { newSecret, secretHash } from './accounts/secret-token.js';
export type { SqliteAccountStoreOptions } from './accounts/sqlite-account-store.js';
export { createSqliteAccountStore } from './accounts/sqlite-account-store.js';
export { authenticate, CSRF_COOKIE, CSRF_HEADER, principalOf, SESSION_COOKIE } from './auth.js';
export type { KepuServerApp, ServerLogEntry, ServerOptions } from './create-server.js';
export { createServer } from './create-server.js';
export type { DashboardFiles } from './dashboard.js';
export { DASHBOARD_CSP, dashboardFolder } from './dashboard.js';
export type { EndpointPermission } from './endpoint-permissions.js';
export { endpointPermissions } from './endpoint-permissions.js';
export type { LiveEventOptions } from './events/live-events.js';
export type { DiskEvidenceStoreOptions } from './evidence/disk-evidence-store.js';
export { createDiskEvidenceStore } from './evidence/disk-evidence-store.js';
export type { EvidenceGarbage } from './evidence/evidence-gc.js';
export { collectEvidenceGarbage, evidenceInState } from './evidence/evidence-gc.js';
export type { EvidenceContent, EvidenceStore, ListedEvidence, StoredEvidence } from './evidence/evidence-store.js';
export { isEvidenceKey } from './evidence/evidence-store.js';
export { DEFAULT_EVIDENCE_MAX_BYTES, DEFAULT_EVIDENCE_TYPES, sniffMediaType } from './evidence/media-type.js';
export type { CommandOutcome, StoredResponse } from './idempotency.js';
export { createIdempotency, IDEMPOTENCY_HEADER } from './idempotency.js';
export type { Principal } from './principal.js';
export { ACT_AS_HEADER, actorOf, commandActor } from './principal.js';
export type { Problem } from './problem.js';
export { ProblemSchema, problemOf, problemResponse } from './problem.js';
export type { EvidenceOptions } from './routes/evidence-routes.js';
export type { RunningServer, ServeOptions } from './serve.js';
export { serve } from './serve.js';
export type { ServerEnv } from './server-env.js';
export type { ServerErrorCode } from './server-error.js';
export { isServerError, SERVER_ERROR_CODES, ServerError } from './server-error.js';
export type { LiveEventName } from './visibility.js';
export { LIVE_EVENT_NAMES, mayReadEvent } from './visibility.js';
