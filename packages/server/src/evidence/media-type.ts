/** The Office Open XML media types Kepu recognises inside a ZIP container. */
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The media types an evidence upload may have by default (默认): PDF, JPEG, PNG and WebP images,
 * Word (.docx) and Excel (.xlsx) files — what county units scan, photograph and fill in. The
 * plan does not say; Kepu chooses these. Legacy .doc/.xls, archives and executables are refused.
 * A server may narrow or widen the list (`evidence.types`), within what {@link sniffMediaType}
 * recognises.
 *
 * @example
 * ```ts
 * import { DEFAULT_EVIDENCE_TYPES } from '@kepu/server';
 * DEFAULT_EVIDENCE_TYPES.includes('application/pdf'); // true
 * ```
 */
export const DEFAULT_EVIDENCE_TYPES: readonly string[] = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  DOCX,
  XLSX,
];

/**
 * The largest evidence file by default (默认): 20 MiB, room for a scanned multi-page PDF or a
 * phone photo. A server may set another limit (`evidence.maxBytes`).
 *
 * @example
 * ```ts
 * import { DEFAULT_EVIDENCE_MAX_BYTES } from '@kepu/server';
 * DEFAULT_EVIDENCE_MAX_BYTES; // 20971520
 * ```
 */
export const DEFAULT_EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The names of the entries in a ZIP file's central directory; empty when it has none readable. */
function zipEntryNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return [];
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return [];
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > bytes.length) return [];
    names.push(decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/**
 * The media type of a file read from its content (its magic bytes, and for a ZIP container the
 * names of its entries), never from its name or a declared type: `application/pdf`, `image/jpeg`,
 * `image/png`, `image/webp`, `image/gif`, a .docx or an .xlsx type, or `undefined` when it is none
 * of these. Pure.
 *
 * @example
 * ```ts
 * import { sniffMediaType } from '@kepu/server';
 * sniffMediaType(new TextEncoder().encode('%PDF-1.7\n…')); // 'application/pdf'
 * sniffMediaType(new TextEncoder().encode('MZ…')); // undefined
 * ```
 */
export function sniffMediaType(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(bytes);
    if (!names.includes('[Content_Types].xml')) return undefined;
    if (names.some((n) => n.startsWith('word/'))) return DOCX;
    if (names.some((n) => n.startsWith('xl/'))) return XLSX;
  }
  return undefined;
}
