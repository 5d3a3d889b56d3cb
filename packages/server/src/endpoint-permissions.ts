import { COMMAND_TYPES, ENGINE_ROLES, type EngineRole, PERMISSIONS, type PermissionScope } from '@kepu/core';
import { EVIDENCE_PATH, mayUploadEvidence } from './routes/evidence-routes.js';

/**
 * One row of the role × endpoint table: an endpoint and how far each role may use it.
 * `read` means the endpoint answers every signed-in role, filtered by what the role may see.
 *
 * @example
 * ```ts
 * import type { EndpointPermission } from '@kepu/server';
 * const allowed = (row: EndpointPermission) => row.roles.reporter !== 'none';
 * ```
 */
export interface EndpointPermission {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly roles: Readonly<Record<EngineRole, PermissionScope | 'read'>>;
}

const every = (scope: PermissionScope | 'read') =>
  Object.fromEntries(ENGINE_ROLES.map((r) => [r, scope])) as Record<EngineRole, PermissionScope | 'read'>;
const planOfficeOnly = () => ({ ...every('none'), 'plan-office': 'any' as const });

/**
 * The role × endpoint table the server enforces, derived from the engine's {@link PERMISSIONS}
 * for command endpoints. docs/server.md's table is checked against it by a test.
 *
 * @example
 * ```ts
 * import { endpointPermissions } from '@kepu/server';
 * endpointPermissions().find((e) => e.path === '/api/commands/approve-report')?.roles['lead-reviewer']; // 'lead-unit'
 * ```
 */
export function endpointPermissions(): EndpointPermission[] {
  const commands: EndpointPermission[] = COMMAND_TYPES.map((type) => ({
    method: 'POST',
    path: `/api/commands/${type}`,
    roles: Object.fromEntries(ENGINE_ROLES.map((r) => [r, PERMISSIONS[r][type]])) as Record<
      EngineRole,
      PermissionScope
    >,
  }));
  const reads = [
    '/api/plans',
    '/api/plans/{plan}',
    '/api/plans/{plan}/targets',
    '/api/reports',
    '/api/review-queue',
    '/api/overdue-reports',
    '/api/assessments',
    '/api/audit/verify',
    '/api/audit/head',
    '/api/head',
    '/api/state',
    '/api/events',
  ].map((path): EndpointPermission => ({ method: 'GET', path, roles: every('read') }));
  const admin: EndpointPermission[] = [
    { method: 'GET', path: '/api/accounts', roles: planOfficeOnly() },
    { method: 'POST', path: '/api/accounts', roles: planOfficeOnly() },
    { method: 'PUT', path: '/api/accounts/{id}/bindings', roles: planOfficeOnly() },
    { method: 'DELETE', path: '/api/api-keys/{id}', roles: planOfficeOnly() },
    { method: 'GET', path: '/api/accounts/audit', roles: planOfficeOnly() },
  ];
  const evidence: EndpointPermission[] = [
    {
      method: 'POST',
      path: EVIDENCE_PATH,
      roles: Object.fromEntries(ENGINE_ROLES.map((r) => [r, mayUploadEvidence(r) ? 'any' : 'none'])) as Record<
        EngineRole,
        PermissionScope
      >,
    },
    { method: 'GET', path: `${EVIDENCE_PATH}/{sha256}`, roles: every('read') },
  ];
  return [...commands, ...reads, ...evidence, ...admin];
}
