import { z } from 'zod';
import { createIssue } from '../../errors.js';
import { zodPath } from '../../i18n/error-codes.js';
import { IdSchema } from '../../org-unit.js';
import { checkPluginErrorCodes } from '../error-codes.js';
import type { KepuPlugin } from '../plugin.js';
import { parseVersion, satisfiesRange } from '../version.js';
import type { LoadProblems } from './problems.js';

const FunctionSchema = z.custom<(...args: never[]) => unknown>(
  (value) => typeof value === 'function',
  'must be a function',
);

/** The shape every plugin object must have; contributions are checked one by one after it. */
const PluginShapeSchema = z.object({
  id: IdSchema,
  version: z.string().refine((v) => parseVersion(v) !== undefined, 'must be a version such as 1.2.3'),
  kepu: z.string().min(1),
  name: z.object({ zh: z.string().min(1), en: z.string().optional() }).optional(),
  order: z.enum(['pre', 'normal', 'post']).optional(),
  plans: z.array(z.unknown()).optional(),
  orgUnits: z.array(z.object({ plan: z.string(), units: z.array(z.unknown()) })).optional(),
  schemes: z.array(z.unknown()).optional(),
  targetKinds: z
    .array(
      z.object({
        id: IdSchema,
        name: z.object({ zh: z.string().min(1), en: z.string().min(1) }),
        toValue: FunctionSchema,
        check: FunctionSchema.optional(),
        format: FunctionSchema.optional(),
      }),
    )
    .optional(),
  schemeOverrides: z.array(z.unknown()).optional(),
  locales: z.partialRecord(z.enum(['zh', 'en']), z.record(z.string(), z.string())).optional(),
  // Each entry's texts are checked by checkPluginErrorCodes, which names the code at fault.
  errorCodes: z.record(z.string(), z.unknown()).optional(),
  hooks: z
    .strictObject({
      validateReport: FunctionSchema.optional(),
      beforeAssessment: FunctionSchema.optional(),
      afterAssessment: FunctionSchema.optional(),
    })
    .optional(),
  on: z.record(z.string(), FunctionSchema).optional(),
});

/**
 * The candidates that have a plugin's shape, a Kepu API range this host satisfies and sound
 * error codes, in the order given; the others are reported (and marked bad). A second plugin
 * with an id already seen is refused alone: the first copy stays.
 */
export function checkShapes(candidates: readonly unknown[], apiVersion: string, problems: LoadProblems): KepuPlugin[] {
  const seen = new Set<string>();
  const shaped: KepuPlugin[] = [];
  candidates.forEach((candidate, index) => {
    const parsed = PluginShapeSchema.safeParse(candidate);
    const rawId =
      typeof (candidate as { id?: unknown } | null)?.id === 'string' ? (candidate as { id: string }).id : `#${index}`;
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) =>
        createIssue('plugin-invalid', ['plugins', rawId, ...zodPath(i)], { plugin: rawId, detail: i.message }),
      );
      problems.blame(rawId, issues);
      return;
    }
    const plugin = candidate as KepuPlugin;
    if (seen.has(plugin.id)) {
      problems.issues.push(createIssue('plugin-duplicate', ['plugins', plugin.id, 'id'], { plugin: plugin.id }));
      return;
    }
    seen.add(plugin.id);
    if (!satisfiesRange(apiVersion, plugin.kepu)) {
      const issue = createIssue('plugin-incompatible', ['plugins', plugin.id, 'kepu'], {
        plugin: plugin.id,
        range: plugin.kepu,
        version: apiVersion,
      });
      problems.blame(plugin.id, [issue]);
      return;
    }
    const codeIssues = checkPluginErrorCodes(plugin.id, plugin.errorCodes);
    if (codeIssues.length > 0) {
      problems.blame(plugin.id, codeIssues);
      return;
    }
    shaped.push(plugin);
  });
  return shaped;
}
