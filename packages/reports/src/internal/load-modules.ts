// ExcelJS and ECharts take about a second each to load: they load only when a workbook is read
// or written or a chart drawn, so a host that imports this package for anything else (the CLI
// printing a scorecard, a page formatting a value) does not pay for them.

/** ExcelJS, loaded on first use. */
export async function loadExcelJS(): Promise<typeof import('exceljs')> {
  const loaded = await import('exceljs');
  // The CommonJS module arrives as the default export under ESM, as itself under CommonJS.
  return ((loaded as { default?: typeof import('exceljs') }).default ?? loaded) as typeof import('exceljs');
}

/** ECharts (with its server-side SVG renderer), loaded on first use. */
export function loadECharts(): Promise<typeof import('echarts')> {
  return import('echarts');
}
