import {
  type KepuIssue,
  type OrgUnitInput,
  PLAN_SCHEMA_VERSION,
  type Plan,
  type PlanInput,
  validatePlan,
} from '@kepu/core';
import { createDiagnostic, type ImportDiagnostic } from './diagnostics.js';
import { checkImportOptions, expectText } from './internal/check-arguments.js';
import { zeroSpan } from './internal/clip.js';
import { shortHash } from './internal/hash.js';
import { assignLevels } from './internal/hierarchy.js';
import { readMeta } from './internal/meta.js';
import { type Para, paragraphsOf, paraOriginal, paraSpan } from './internal/paragraphs.js';
import { createSourceText } from './internal/source-text.js';
import { buildStructure } from './internal/structure/build-structure.js';
import type { TargetInput } from './internal/structure/outline.js';
import type { FieldSource } from './span.js';
import { createUnitDirectory } from './unit-directory.js';

/**
 * Options of {@link importPlan}.
 *
 * @example
 * ```ts
 * import { importPlan } from '@kepu/importer';
 * import { zhengningPlan } from '@kepu/plan-zhengning';
 * importPlan(text, { directory: zhengningPlan.orgUnits, county: { id: 'zhengning' } });
 * ```
 */
export interface ImportOptions {
  /**
   * Units the plan's names should resolve to (a plan's `orgUnits`): names, full names and
   * aliases are matched as printed, then through the built-in table of departments. Units the
   * text names that are not here are created and flagged.
   * @default []
   */
  readonly directory?: readonly OrgUnitInput[];
  /**
   * The jurisdiction, when the text does not say it or its id should be a readable one. Missing
   * fields are read from the title or issuer (`name`) or derived (`id`: `county-` + a hash of the
   * name).
   */
  readonly county?: {
    readonly id?: string;
    readonly name?: string;
    readonly province?: string;
    readonly prefecture?: string;
    readonly code?: string;
  };
  /**
   * The plan's id.
   * @default `${county.id}-${period.start}-${period.end}`
   */
  readonly planId?: string;
}

/**
 * What {@link importPlan} returns.
 *
 * - `draft`: everything read, in the core schema's input shape, whether or not it validates.
 *   A required field the text does not give (a title, an issuer, a period) is left out rather
 *   than invented, so validation names it in `issues`;
 * - `plan`: the draft validated by `@kepu/core`'s `validatePlan`, present only when valid;
 * - `issues`: what `validatePlan` reported when the draft does not validate (empty when valid);
 * - `spans`: for each field path (`parts[2].sections[0].tasks[1].leads[0]`, in the notation of
 *   core's `formatPath`), where it was read in the original text and how sure the importer is;
 * - `diagnostics`: every repair, choice and gap, each with its span.
 *
 * @example
 * ```ts
 * import { importPlan } from '@kepu/importer';
 * const { plan, draft, issues } = importPlan(text);
 * if (!plan) console.error(issues.length, 'problems in', draft.meta.title);
 * ```
 */
export interface ImportResult {
  readonly plan?: Plan;
  readonly draft: PlanInput;
  readonly spans: Readonly<Record<string, FieldSource>>;
  readonly diagnostics: readonly ImportDiagnostic[];
  readonly issues: readonly KepuIssue[];
}

/**
 * Reads a Chinese science-literacy implementation plan (实施方案) from its text into a Kepu plan.
 *
 * Deterministic and pure: the same text and options always give the same result, and nothing
 * outside the arguments is read. Never throws, whatever the text: what cannot be read becomes a
 * diagnostic, and a draft that does not validate is returned with its issues, not dropped. Only
 * arguments of the wrong type — a text that is not a string, options that are not an object,
 * a directory unit without a text id and name — throw, an `ImporterError` naming the
 * argument (`invalid-argument`).
 * Linear in the length of the text.
 *
 * What it reads: the covering notice (文号, 通知 title, recipients, signature and date), the plan's
 * title and period, the heading hierarchy 一、 （一） 1. （1） (and 第一部分, half-width brackets,
 * headings ending in 。, a heading and its body on one line, numbering that restarts or runs on),
 * tasks and their leads and partners in every usual form (`牵头部门：`/`配合部门：` lines,
 * `牵头单位：…；配合单位：…`, `责任单位：`, an inline `（县科协牵头，县教育局等配合）` or
 * `（牵头单位：州教育局）` ending a paragraph, a section's closing lines that cover the tasks without
 * their own, marked `inherited`), numeric targets (comparator word, unit, deadline or cadence,
 * baseline), audiences (from the improvement actions' section titles) and principles; the 抄送,
 * 印发 and 共印 footers. It drops website clutter and page-break debris and joins words broken
 * across lines, and says so.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { formatSpan, importPlan } from '@kepu/importer';
 * const text = readFileSync('zhengning-2022-2025.txt', 'utf8');
 * const result = importPlan(text);
 * result.plan?.parts[2]?.sections[0]?.tasks[1]?.leads; // ['education']
 * for (const d of result.diagnostics) console.log(formatSpan(d.span), d.message.zh);
 * ```
 */
export function importPlan(text: string, options: ImportOptions = {}): ImportResult {
  expectText(text, ['text']);
  checkImportOptions(options);
  const diagnostics: ImportDiagnostic[] = [];
  const spans: Record<string, FieldSource> = {};
  const src = createSourceText(text);
  let draft: PlanInput;
  try {
    const { paras } = paragraphsOf(src, diagnostics);
    assignLevels(src, paras, diagnostics);
    const start = bodyStart(paras);
    if (start === paras.length) {
      diagnostics.push(createDiagnostic('no-structure', zeroSpan()));
    }
    const front = paras.slice(0, start);
    const footers = paras.filter((p, i) => isFooter(paras, i) || (i < start && p.kind === 'meta-field'));
    const { meta, jurisdiction } = readMeta(src, front, footers, spans, diagnostics);
    const directory = createUnitDirectory(options.directory ?? []);
    const built = buildStructure(src, paras.slice(start), {
      directory,
      hasDirectory: (options.directory ?? []).length > 0,
      periodStart: meta.period?.start,
      periodEnd: meta.period?.end,
      spans,
      diagnostics,
      firstIsLead: FIRST_IS_LEAD.test(src.norm),
      isFooter: (i) => isFooter(paras, start + i),
    });

    const countyName = options.county?.name ?? jurisdiction?.name;
    if (jurisdiction && jurisdiction.to > jurisdiction.from && options.county?.name === undefined) {
      spans['county.name'] = {
        span: paraSpan(src, jurisdiction.para, jurisdiction.from, jurisdiction.to),
        confidence: 0.9,
        text: paraOriginal(src, jurisdiction.para, jurisdiction.from, jurisdiction.to),
      };
    }
    if (countyName === undefined)
      diagnostics.push(createDiagnostic('county-missing', spans['meta.title']?.span ?? zeroSpan()));
    if (meta.period === undefined)
      diagnostics.push(createDiagnostic('period-missing', spans['meta.title']?.span ?? zeroSpan()));
    if (meta.issuer === undefined) {
      diagnostics.push(createDiagnostic('issuer-missing', spans['meta.title']?.span ?? zeroSpan()));
    }
    const countyId = options.county?.id ?? (countyName ? `county-${shortHash(countyName)}` : 'county-unknown');
    const planId =
      options.planId ?? (meta.period ? `${countyId}-${meta.period.start}-${meta.period.end}` : `${countyId}-plan`);
    const county = {
      id: countyId,
      name: countyName ?? '',
      ...(options.county?.province !== undefined ? { province: options.county.province } : {}),
      ...(options.county?.prefecture !== undefined ? { prefecture: options.county.prefecture } : {}),
      ...(options.county?.code !== undefined ? { code: options.county.code } : {}),
    };
    // A created unit was read where the text first names it.
    directory.units.forEach((unit, i) => {
      const source = built.unitSources.get(unit.id);
      if (source && directory.created.has(unit.id)) {
        spans[`orgUnits[${i}].name`] = { span: source.span, confidence: 0.8, text: source.text };
      }
    });
    draft = {
      schemaVersion: PLAN_SCHEMA_VERSION,
      id: planId,
      county,
      // Required fields the text lacks stay missing, so validation names them.
      meta: meta as PlanInput['meta'],
      principles: built.principles,
      audiences: built.audiences,
      orgUnits: [...directory.units],
      parts: built.parts,
      indicators: built.indicators,
      targets: built.targets.map(withImportedAggregation),
      safeguards: [],
    };
  } catch (cause) {
    // A bug in a rule must not take the caller down: report it where the text starts.
    diagnostics.push(
      createDiagnostic('internal-error', zeroSpan(), {
        detail: String(cause instanceof Error ? (cause.stack ?? cause.message) : cause),
      }),
    );
    draft = {
      schemaVersion: PLAN_SCHEMA_VERSION,
      id: options.planId ?? 'plan',
      county: { id: options.county?.id ?? 'county-unknown', name: options.county?.name ?? '' },
      meta: {} as PlanInput['meta'],
      orgUnits: [],
      parts: [],
    };
  }
  // Report in reading order; equal positions keep the order the rules found them in.
  diagnostics.sort((a, b) => a.span.start - b.span.start);
  const result = validatePlan(draft);
  return result.ok
    ? { plan: result.value, draft, spans, diagnostics, issues: [] }
    : { draft, spans, diagnostics, issues: result.issues };
}

/** Where the plan's body starts: its first 一、-level heading (else （一）, else 1.). */
function bodyStart(paras: readonly Para[]): number {
  for (const level of [1, 2, 3] as const) {
    const at = paras.findIndex((p) => p.kind === 'heading' && p.level === level);
    if (at >= 0) return at;
  }
  return paras.length;
}

/** The convention some plans state once: the first unit of each 责任单位 list leads. */
const FIRST_IS_LEAD = /(?:排在|列在|列|排名|排)第一(?:位|个)?的?(?:单位|部门)?(?:为|是)牵头/;

const ISSUER_LINE = /(?:人民政府办公室|人民政府|政府办公室|办公室|委员会|领导小组|局|委|部|厅|办|科协)$/;

/** Footer lines: 抄送, 印发, 共印, dates, document numbers, and a signature line above a date or 印发. */
function isFooter(paras: readonly Para[], i: number): boolean {
  const p = paras[i];
  if (!p) return false;
  if (p.kind === 'cc' || p.kind === 'printed' || p.kind === 'copies' || p.kind === 'meta-field') return true;
  if (p.kind === 'date' || p.kind === 'docnum') return true;
  const next = paras[i + 1];
  return (
    p.kind === 'body' &&
    next !== undefined &&
    (next.kind === 'printed' || next.kind === 'date') &&
    p.text.length <= 40 &&
    ISSUER_LINE.test(p.text) &&
    !/[,，。]/.test(p.text)
  );
}

/**
 * The aggregation rule an imported quantitative target gets, since the text does not say how
 * units' figures combine: `county-figure`. A plan's targets are county-wide goals, and this
 * reading never counts one fact twice (co-leads' reports are reconciled, not added); where the
 * units' own figures add up to the target, the plan office changes it to `sum-of-own`.
 */
const IMPORTED_AGGREGATION = { kind: 'county-figure' } as const;

function withImportedAggregation(target: TargetInput): TargetInput {
  if (target.kind !== 'quantitative' || target.aggregation !== undefined) return target;
  return { ...target, aggregation: IMPORTED_AGGREGATION };
}
