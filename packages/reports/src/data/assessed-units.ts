import { type AssessmentScheme, type Plan, sheetMembers } from '@kepu/core';

/**
 * The units a scheme assesses: the members of its score sheets, each once, in sheet order. They
 * file a yearly summary report; other units report only on the tasks they lead or partner.
 * The engine has its own answer from the plan's safeguards; until core offers one `assessedUnits`,
 * the data exchange keeps to the scheme's, which is what the template asks of and the import checks.
 */
export function assessedUnitsOf(plan: Plan, scheme: AssessmentScheme): string[] {
  return [...new Set(scheme.sheets.flatMap((sheet) => sheetMembers(plan, sheet)))];
}
