/**
 * Reading a large .xlsx data file: the streamed reader `readDataRows` uses on Node against
 * ExcelJS's whole-workbook load, in the same process, on one workbook of 300,000 data rows (three
 * times the row limit). Prints time and peak memory (heap, external and array buffers) of each and their ratios. The streamed reader
 * stops at the limit (100,000 rows) with `too-many-rows` and never holds the sheet model; the
 * whole-workbook load (what issue 16 measured at 2.9 GB for 1M rows) holds every cell.
 *
 *   node --conditions=source --import tsx bench/xlsx-read.bench.ts
 *
 * Not a test: nothing here asserts a time or a size. Workspace packages are imported from source.
 */
import { relaunchWithSourceCondition } from './lib/source-condition.js';

relaunchWithSourceCondition(import.meta.url, ['--expose-gc']);

// ExcelJS as the reports package loads it (the bench package does not depend on it itself).
const ExcelJS = await (await import('../packages/reports/src/internal/load-modules.js')).loadExcelJS();
const { readDataRows, isDataFileError } = await import('../packages/reports/src/index.js');

const ROWS = 300_000;

async function bigWorkbook(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('数据');
  sheet.addRow(['填报期间', '单位编号', '任务编号', '指标编号', '数值', '工作情况说明']);
  for (let i = 0; i < ROWS; i++)
    sheet.addRow(['2025', 'cast', '4.2.3', 'science-china-registrations', i, `第${i}项工作`]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** Runs `fn`, sampling the heap every 20 ms; returns the time and the peak of heap plus external memory above the start. */
async function measure(label: string, fn: () => Promise<string>) {
  (globalThis as { gc?: () => void }).gc?.();
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.external + m.arrayBuffers;
  };
  const base = used();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, used());
  }, 20);
  const start = performance.now();
  const outcome = await fn();
  const ms = performance.now() - start;
  clearInterval(timer);
  peak = Math.max(peak, used());
  const mb = (peak - base) / 2 ** 20;
  console.log(`${label}: ${ms.toFixed(0)} ms, peak memory +${mb.toFixed(0)} MB (${outcome})`);
  return { ms, mb };
}

const bytes = await bigWorkbook();
console.log(`workbook: ${ROWS.toLocaleString('en-US')} rows, ${(bytes.length / 2 ** 20).toFixed(1)} MB`);
const streamed = await measure('streamed (readDataRows)', async () => {
  try {
    return `${(await readDataRows('big.xlsx', bytes)).length} rows`;
  } catch (error) {
    return isDataFileError(error) ? `${error.code} at row ${error.row}` : String(error);
  }
});
const whole = await measure('whole workbook (ExcelJS load)', async () => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as never);
  return `${book.worksheets[0]?.rowCount} rows loaded`;
});
console.log(
  `ratio streamed / whole: time ${(streamed.ms / whole.ms).toFixed(2)}, peak memory ${(streamed.mb / whole.mb).toFixed(2)}`,
);
