/**
 * The encoding a data file was read in: UTF-8 (with or without a byte-order mark), UTF-16 (as
 * Excel's "Unicode text" saves it, always with a byte-order mark), or GB 18030 — the superset of
 * GBK that Excel on Chinese Windows uses for "CSV" files.
 *
 * @example
 * ```ts
 * import type { TextEncodingName } from '@kepu/reports';
 * const name: TextEncodingName = 'gb18030';
 * ```
 */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * Decodes a text file's bytes, saying which encoding it was: a byte-order mark decides; without
 * one the bytes must be valid UTF-8, and a file that is not (Chinese Excel's CSV) is read as GB
 * 18030, which decodes every byte sequence GBK produces. The mark is not part of the text. Runs in
 * browsers too (`TextDecoder`).
 *
 * @example
 * ```ts
 * import { decodeText } from '@kepu/reports';
 * decodeText(new Uint8Array([0xd5, 0xfd, 0xc4, 0xfe])); // { text: '正宁', encoding: 'gb18030' }
 * ```
 */
export function decodeText(bytes: Uint8Array): { readonly text: string; readonly encoding: TextEncodingName } {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (a === 0xff && b === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (a === 0xfe && b === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}
