import type ExcelJS from 'exceljs';

/**
 * A workbook's bytes. ExcelJS gives a Node Buffer on a server and an ArrayBuffer-like value in a
 * browser; both become a Uint8Array, so callers need no `Buffer`.
 */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  const buffer = (await workbook.xlsx.writeBuffer()) as ArrayBuffer | Uint8Array;
  return buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
}
