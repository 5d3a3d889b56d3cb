import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Actor, Engine, ProgressReport } from '@kepu/core';
import { anchorOfHead, watchTargets } from '@kepu/core/engine';
import { principalOf } from '../auth.js';
import { ACT_AS_HEADER, readActors } from '../principal.js';
import type { ServerEnv } from '../server-env.js';
import { ServerError } from '../server-error.js';
import { readsUnitGaps } from '../visibility.js';
import { ActAsHeaders, json, problems, SECURED } from './openapi-parts.js';

const REPORT_STATUS = z.enum(['submitted', 'returned', 'approved', 'withdrawn']);
const Loose = (name: string, description: string) => z.record(z.string(), z.unknown()).openapi(name, { description });

const PlanSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    titleEn: z.string().optional(),
    county: z.string(),
    period: z.object({ start: z.number(), end: z.number() }),
  })
  .openapi('PlanSummary');
const ReportSchema = Loose(
  'ProgressReport',
  'A progress report with its revisions and decisions (see @kepu/core ProgressReport).',
);
const TargetWatchSchema = z
  .object({ target: z.string(), watch: z.record(z.string(), z.unknown()) })
  .openapi('TargetWatchRow', {
    description: 'A target of the plan and its current status (see @kepu/core TargetWatch).',
  });
const AnchorSchema = z
  .object({
    seq: z.number().int().openapi({ description: 'The seq of the head entry (0 for an empty log).' }),
    hash: z.string().openapi({ description: 'The SHA-256 of the head entry, lowercase hex.' }),
    version: z.number().int().openapi({ description: 'The state version at the head.' }),
    at: z.string().openapi({ description: 'When the server read its head (ISO 8601).' }),
    namespace: z.string().optional().openapi({ description: 'The store namespace, for a PostgreSQL store.' }),
  })
  .openapi('AuditAnchor', {
    description:
      'The audit head as an anchor (see @kepu/core AuditAnchor): copy it somewhere the database’s writers cannot change, and check it later with kepu audit verify --anchor or GET /api/audit/verify?anchor=seq:hash.',
  });
const VerifyQuery = z.object({
  anchor: z
    .string()
    .max(100)
    .optional()
    .openapi({
      description: 'An anchor taken earlier, as seq:hash: the log must reach it and hold the entry it names.',
      example: `7:${'0'.repeat(64)}`,
    }),
});
const HeadSchema = z
  .object({ seq: z.number().int(), version: z.number().int(), hash: z.string() })
  .openapi('Head', { description: 'The audit head the server has reached.' });

const StateSchema = z
  .object({
    head: HeadSchema,
    state: Loose(
      'EngineState',
      'The engine state (see @kepu/core EngineState) with only the reports your bindings may read, as GET /api/reports filters them.',
    ),
  })
  .openapi('VisibleState', {
    description:
      'What a remote engine (createRemoteEngine in @kepu/client) mirrors: re-read it when GET /api/events says something changed.',
  });

const PlanParam = z.object({
  plan: z
    .string()
    .max(80)
    .openapi({ param: { name: 'plan', in: 'path' }, example: 'zhengning-2022-2025' }),
});
const ReportQuery = z.object({
  plan: z.string().max(80).optional(),
  unit: z.string().max(80).optional(),
  period: z.string().max(10).optional(),
  task: z.string().max(20).optional(),
  status: z
    .string()
    .max(60)
    .optional()
    .openapi({ description: 'One status, or several separated by commas.', example: 'submitted,returned' }),
});

/** The reports any of `actors` may read, each once, in the engine's order. */
function visibleReports(engine: Engine, actors: readonly Actor[], filter: Parameters<Engine['reports']>[0]) {
  const seen = new Set<string>();
  const out: ProgressReport[] = [];
  for (const actor of actors) {
    for (const r of engine.reports(filter, { actor })) if (!seen.has(r.id) && seen.add(r.id)) out.push(r);
  }
  return out;
}

function planOf(engine: Engine, id: string) {
  const plan = engine.plans.get(id);
  if (!plan) throw ServerError.of(404, 'not-found', { path: `/api/plans/${id.slice(0, 80)}` });
  return plan;
}

const read = (path: string, id: string, summary: string) => ({
  method: 'get' as const,
  path,
  operationId: id,
  tags: ['queries'],
  summary,
  security: SECURED,
});

/**
 * Registers the read endpoints the dashboard and the CLI use: plans, targets with their status,
 * reports by status, review queue, overdue reports, assessment runs, audit verification and the
 * head. Reports are filtered by the engine's visibility rules for the caller's bindings.
 */
export function registerQueryRoutes(app: OpenAPIHono<ServerEnv>, engine: Engine): void {
  const actors = (c: Parameters<typeof principalOf>[0]) => readActors(principalOf(c), c.req.header(ACT_AS_HEADER));

  app.openapi(
    createRoute({
      ...read('/api/plans', 'list-plans', 'The plans this server serves'),
      request: { headers: ActAsHeaders },
      responses: { 200: json(z.array(PlanSummarySchema), 'The plans.'), ...problems(401, 403) },
    }),
    (c) => {
      actors(c);
      const plans = [...engine.plans.values()].map((p) => ({
        id: p.id,
        title: p.meta.title,
        ...(p.meta.titleEn === undefined ? {} : { titleEn: p.meta.titleEn }),
        county: p.county.name,
        period: { start: p.meta.period.start, end: p.meta.period.end },
      }));
      return c.json(plans, 200);
    },
  );

  app.openapi(
    createRoute({
      ...read('/api/plans/{plan}', 'get-plan', 'A whole plan: parts, tasks, units, targets'),
      request: { params: PlanParam, headers: ActAsHeaders },
      responses: {
        200: json(Loose('Plan', 'A plan as @kepu/core PlanSchema defines it.'), 'The plan.'),
        ...problems(401, 403, 404),
      },
    }),
    (c) => {
      actors(c);
      return c.json(planOf(engine, c.req.valid('param').plan) as unknown as Record<string, unknown>, 200);
    },
  );

  app.openapi(
    createRoute({
      ...read('/api/plans/{plan}/targets', 'list-targets', "The plan's targets and their status from approved reports"),
      request: { params: PlanParam, headers: ActAsHeaders },
      responses: { 200: json(z.array(TargetWatchSchema), 'The targets.'), ...problems(401, 403, 404) },
    }),
    (c) => {
      actors(c);
      const plan = planOf(engine, c.req.valid('param').plan);
      const watches = watchTargets(plan, engine.getSnapshot());
      const rows = plan.targets.map((t) => ({
        target: t.id,
        watch: { ...(watches.get(t.id) ?? { status: 'no-data' }) },
      }));
      return c.json(rows as never, 200);
    },
  );

  app.openapi(
    createRoute({
      ...read('/api/reports', 'list-reports', 'Reports you may read, by plan, unit, period, task and status'),
      request: { query: ReportQuery, headers: ActAsHeaders },
      responses: { 200: json(z.array(ReportSchema), 'The reports.'), ...problems(401, 403, 422) },
    }),
    (c) => {
      const q = c.req.valid('query');
      const status = q.status?.split(',').map((s) => REPORT_STATUS.parse(s.trim()));
      const filter = {
        ...(q.plan ? { plan: q.plan } : {}),
        ...(q.unit ? { unit: q.unit } : {}),
        ...(q.period ? { period: q.period } : {}),
        ...(q.task ? { task: q.task } : {}),
        ...(status ? { status } : {}),
      };
      return c.json(visibleReports(engine, actors(c), filter) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      ...read('/api/review-queue', 'review-queue', 'Submitted reports you can approve or return'),
      request: { headers: ActAsHeaders },
      responses: { 200: json(z.array(ReportSchema), 'The queue.'), ...problems(401, 403) },
    }),
    (c) => {
      const seen = new Set<string>();
      const queue = actors(c)
        .flatMap((actor) => engine.reviewQueue({ actor }))
        .filter((r) => !seen.has(r.id) && seen.add(r.id));
      return c.json(queue as never, 200);
    },
  );

  app.openapi(
    createRoute({
      ...read('/api/overdue-reports', 'overdue-reports', 'Expected reports past due and not in'),
      request: {
        query: z.object({ plan: z.string().max(80).optional(), period: z.string().max(10).optional() }),
        headers: ActAsHeaders,
      },
      responses: {
        200: json(z.array(Loose('OverdueReport', 'An expected report past due.')), 'The overdue reports.'),
        ...problems(401, 403),
      },
    }),
    (c) => {
      const q = c.req.valid('query');
      const all = engine.overdueReports({
        ...(q.plan ? { plan: q.plan } : {}),
        ...(q.period ? { period: q.period } : {}),
      });
      // Roles that read only their own unit's reports see only their own unit's gaps.
      const readers = actors(c);
      return c.json(all.filter((o) => readsUnitGaps(readers, o.unit)) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      ...read('/api/assessments', 'list-assessments', 'Assessment runs with their scorecards, oldest first'),
      request: {
        query: z.object({ plan: z.string().max(80).optional(), period: z.string().max(10).optional() }),
        headers: ActAsHeaders,
      },
      responses: {
        200: json(z.array(Loose('AssessmentRun', 'An assessment run and its scorecard.')), 'The runs.'),
        ...problems(401, 403),
      },
    }),
    (c) => {
      actors(c);
      const q = c.req.valid('query');
      return c.json(
        engine.assessments({ ...(q.plan ? { plan: q.plan } : {}), ...(q.period ? { period: q.period } : {}) }) as never,
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      ...read('/api/audit/verify', 'verify-audit', 'Verify the audit chain and that the records equal its replay'),
      request: { query: VerifyQuery, headers: ActAsHeaders },
      responses: {
        200: json(
          Loose('AuditVerification', 'ok, entries, head, and the first bad entry if any.'),
          'The verification.',
        ),
        ...problems(401, 403, 422),
      },
    }),
    async (c) => {
      actors(c);
      const { anchor } = c.req.valid('query');
      return c.json((await engine.verifyAudit(anchor === undefined ? {} : { anchor })) as never, 200);
    },
  );

  app.openapi(
    createRoute({
      ...read('/api/audit/head', 'get-audit-anchor', 'The audit head as an anchor to publish or keep elsewhere'),
      request: { headers: ActAsHeaders },
      responses: { 200: json(AnchorSchema, 'The anchor.'), ...problems(401, 403) },
    }),
    (c) => {
      actors(c);
      const namespace = (engine.store as { readonly namespace?: unknown }).namespace;
      const head = engine.getHead();
      const at = new Date().toISOString();
      // anchorOfHead leaves version and time optional; this endpoint always gives both.
      return c.json(
        {
          ...anchorOfHead(head, { at, ...(typeof namespace === 'string' ? { namespace } : {}) }),
          version: head.version,
          at,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      ...read('/api/head', 'get-head', 'The audit head and state version the server has reached'),
      request: { headers: ActAsHeaders },
      responses: { 200: json(HeadSchema, 'The head.'), ...problems(401, 403) },
    }),
    (c) => {
      actors(c);
      const head = engine.getHead();
      return c.json({ seq: head.seq, version: head.version, hash: head.hash }, 200);
    },
  );

  app.openapi(
    createRoute({
      ...read('/api/state', 'get-state', 'The state you may read, with the head it was read at'),
      request: { headers: ActAsHeaders },
      responses: { 200: json(StateSchema, 'The visible state and its head.'), ...problems(401, 403) },
    }),
    (c) => {
      const readers = actors(c);
      // Read in one synchronous step, so the head is the one the state was read at.
      const head = engine.getHead();
      const state = engine.getSnapshot();
      const reports = Object.fromEntries(visibleReports(engine, readers, {}).map((r) => [r.id, r]));
      return c.json(
        { head: { seq: head.seq, version: head.version, hash: head.hash }, state: { ...state, reports } } as never,
        200,
      );
    },
  );
}
