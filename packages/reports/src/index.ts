export type { ApplyImportOptions, ImportOutcome } from './data/apply-import.js';
export { applyImport } from './data/apply-import.js';
export { checkDataRows } from './data/check-data-rows.js';
export type { TemplateColumnKey } from './data/columns.js';
export { TEMPLATE_COLUMNS } from './data/columns.js';
export type { DataFileErrorCode } from './data/data-file-error.js';
export { DATA_FILE_MAX_ROWS, DataFileError, isDataFileError } from './data/data-file-error.js';
export type { TextEncodingName } from './data/decode-text.js';
export { decodeText } from './data/decode-text.js';
export { ImportCommitError, isImportCommitError } from './data/import-commit-error.js';
export type { CsvRecord } from './data/parse-csv.js';
export { CsvRecordReader, readCsvRecords } from './data/parse-csv.js';
export type { ImportCommand, ImportPlan, ImportStep } from './data/plan-import.js';
export { planImport } from './data/plan-import.js';
export type { CellProblem, CheckedRows, PlannedReport } from './data/planned-report.js';
export { importReportId } from './data/planned-report.js';
export type { ReadDataOptions } from './data/read-data-rows.js';
export { readDataFile, readDataRows } from './data/read-data-rows.js';
export type { SourceCell, SourceRow } from './data/source-row.js';
export type { NumberTextOptions } from './data/strict-number.js';
export { parseNumberText } from './data/strict-number.js';
export type { TemplateRow } from './data/template-rows.js';
export { templateRows } from './data/template-rows.js';
export { templateToXlsx } from './data/template-xlsx.js';
export { estimateFootnotes, publishedText, withEstimate, withPublished } from './estimate-text.js';
export type { Bilingual, Lang } from './i18n.js';
export { t } from './i18n.js';
export type { ReadAssessment, ReadAssessmentOptions } from './read-assessment.js';
export { readAssessment } from './read-assessment.js';
export { buildReport } from './report/build-report.js';
export type { ReportChart } from './report/charts.js';
export { reportCharts } from './report/charts.js';
export { formatReportValue } from './report/format-report-value.js';
export { reportToHtml } from './report/html.js';
export { reportToMarkdown } from './report/markdown.js';
export type { ReportFormat } from './report/render.js';
export { REPORT_FORMATS, renderReport } from './report/render.js';
export type {
  ReportCellKind,
  ReportColumn,
  ReportModel,
  ReportSource,
  ReportTable,
  ReportValue,
} from './report/report-model.js';
export { excelWidth, reportToXlsx } from './report/xlsx.js';
export { displayWidth } from './width.js';
