export type { CommandArgs, CommandContext, CommandSpec, OptionSpec } from './command.js';
export { isUsageError, UsageError } from './command.js';
export {
  assessCommand,
  BUILTIN_SCHEMES,
  DB_OPTIONS,
  describeSource,
  loadScheme,
  parseYear,
} from './commands/assess.js';
export { dataImportCommand, dataTemplateCommand } from './commands/data.js';
export { demoCommand } from './commands/demo.js';
export { COMMANDS } from './commands/index.js';
export { reportCommand } from './commands/report.js';
export type { TemplateColumnKey } from './data/columns.js';
export { TEMPLATE_COLUMNS } from './data/columns.js';
export type { CellProblem, CheckedRows, ImportOutcome, PlannedReport } from './data/ingest.js';
export { applyImport, checkDataRows, importReportId } from './data/ingest.js';
export type { SourceCell, SourceRow } from './data/read-table.js';
export { readDataRows } from './data/read-table.js';
export type { TemplateRow } from './data/template.js';
export { templateRows, templateToXlsx } from './data/template.js';
export type { OpenedDatabase } from './db.js';
export { cliEngineOptions, openDatabase, openEngine } from './db.js';
export { EXIT } from './exit-codes.js';
export { renderDemoSummary } from './format/demo-summary.js';
export { formatRequirement, renderPlanSummary } from './format/plan-summary.js';
export { renderScorecard } from './format/scorecard.js';
export type { Column } from './format/table.js';
export { renderTable } from './format/table.js';
export { displayWidth, fit } from './format/width.js';
export type { Bilingual, Lang } from './i18n.js';
export { t } from './i18n.js';
export type { CliIO } from './io.js';
export { createMemoryIO, processIO } from './io.js';
export { formatIssues, reportError, runCli } from './main.js';
export { BUILTIN_PLANS, loadPlan, readJson } from './plans.js';
export type { Progress } from './progress.js';
export { createProgress } from './progress.js';
export type { ReportChart } from './report/charts.js';
export { reportCharts } from './report/charts.js';
export { reportToHtml } from './report/html.js';
export { reportToMarkdown } from './report/markdown.js';
export type {
  ReportCellKind,
  ReportColumn,
  ReportModel,
  ReportSource,
  ReportTable,
  ReportValue,
} from './report/model.js';
export { buildReport, formatReportValue } from './report/model.js';
export type { ReportFormat } from './report/render.js';
export { REPORT_FORMATS, renderReport } from './report/render.js';
export { excelWidth, reportToXlsx } from './report/xlsx.js';
export type { ReadAssessment } from './stored-assessment.js';
export { readAssessment } from './stored-assessment.js';
