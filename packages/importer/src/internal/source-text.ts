import type { Span } from '../span.js';

/**
 * The text being imported in two forms: the original, which every span points into, and its
 * NFKC normalisation, which every rule reads (so full- and half-width punctuation look alike).
 *
 * `toOrig[k]` is the offset in the original of the character that produced normalised
 * character `k`; `toOrig[norm.length]` is the original's length. NFKC is applied piece by piece
 * (a character with its combining marks), so a normalised offset always maps back.
 */
export interface SourceText {
  readonly original: string;
  readonly norm: string;
  readonly toOrig: Uint32Array;
  /** Offsets in the original where each line starts (line 1 at 0). */
  readonly lineStarts: readonly number[];
}

const cache = new Map<string, string>();

/** Characters dropped before reading: byte-order marks and zero-width spaces that web pages leave. */
const DROPPED = /[\uFEFF\u200B-\u200D\u2060]/;

/**
 * Whether a UTF-16 code unit is its own NFKC form whatever follows it. True for the bulk of a
 * Chinese document (printable ASCII, line breaks, CJK unified ideographs, 、。〔〕《》“” …), which
 * lets the normaliser copy long runs instead of normalising character by character.
 */
function stable(code: number): boolean {
  if (code >= 0x20 && code < 0x7f) return true;
  if (code === 0x0a || code === 0x0d || code === 0x09) return true;
  if (code >= 0x4e00 && code <= 0x9fff) return true;
  // CJK symbols and punctuation (、。〃〆〇〈〉《》「」『』【】〔〕 …) except the ideographic space.
  if (code >= 0x3001 && code <= 0x303f) return code !== 0x3000 && code !== 0x3036 && (code < 0x3038 || code > 0x303a);
  // Dashes and curly quotes used in Chinese text (– — ‘ ’ “ ”).
  if (code === 0x2013 || code === 0x2014 || code === 0x2018 || code === 0x2019 || code === 0x201c || code === 0x201d) {
    return true;
  }
  // Circled numbers ①–⑳ stay as printed: NFKC would turn them into bare digits and lose the marker.
  if (code >= 0x2460 && code <= 0x2473) return true;
  return false;
}

/**
 * Whether a code point is a combining mark. The ranges a Chinese document is made of answer
 * without building a string and running a regular expression for every full-width character.
 */
function isMark(cp: number): boolean {
  if (cp < 0x300) return false;
  if (cp >= 0x4e00 && cp <= 0x9fff) return false;
  if (cp >= 0xff00 && cp <= 0xffef) return false;
  if (cp >= 0x3000 && cp <= 0x303f) return cp >= 0x302a && cp <= 0x302f;
  return /\p{M}/u.test(String.fromCodePoint(cp));
}

/**
 * Reads a text for import: NFKC normalisation with an offset map back to the original, and the
 * original's line starts for line/column spans. Linear in the length of the text.
 *
 * The normalised text is written code unit by code unit into one growing buffer and turned into
 * a string once at the end, rather than kept as a list of pieces joined at the end: a long text
 * has hundreds of thousands of pieces, and holding them all until the join costs the garbage
 * collector and the cache more per character the longer the text is.
 */
export function createSourceText(original: string): SourceText {
  const n = original.length;
  let capacity = n + 16;
  let toOrig = new Uint32Array(capacity + 1);
  let units = new Uint16Array(capacity);
  let len = 0;
  // A lone surrogate is kept as it is; the buffer is then read back without a decoder, which would replace it.
  let wellFormed = true;
  const ensure = (extra: number) => {
    if (len + extra + 1 <= capacity) return;
    while (len + extra + 1 > capacity) capacity *= 2;
    const next = new Uint32Array(capacity + 1);
    next.set(toOrig.subarray(0, len));
    toOrig = next;
    const nextUnits = new Uint16Array(capacity);
    nextUnits.set(units.subarray(0, len));
    units = nextUnits;
  };
  let i = 0;
  while (i < n) {
    // A run of characters that normalise to themselves is copied as it is.
    const code = original.charCodeAt(i);
    if (stable(code)) {
      units[len] = code;
      toOrig[len++] = i++;
      continue;
    }
    // One code point with the combining marks that follow it.
    const cp = original.codePointAt(i) as number;
    if (cp >= 0xd800 && cp <= 0xdfff) wellFormed = false;
    let end = i + (cp > 0xffff ? 2 : 1);
    while (end < n) {
      const next = original.codePointAt(end) as number;
      if (!isMark(next)) break;
      if (next >= 0xd800 && next <= 0xdfff) wellFormed = false;
      end += next > 0xffff ? 2 : 1;
    }
    const piece = original.slice(i, end);
    let out: string;
    if (DROPPED.test(piece)) out = '';
    else if (piece === '\u2028' || piece === '\u2029' || piece === '\u0085') out = '\n';
    else {
      const hit = cache.get(piece);
      if (hit !== undefined) out = hit;
      else {
        out = piece.normalize('NFKC');
        if (cache.size < 4096) cache.set(piece, out);
      }
    }
    ensure(out.length);
    for (let k = 0; k < out.length; k++) {
      units[len] = out.charCodeAt(k);
      toOrig[len++] = i;
    }
    i = end;
  }
  toOrig[len] = n;
  const lineStarts = [0];
  for (let k = 0; k < n; k++) {
    const c = original.charCodeAt(k);
    if (c === 0x0a || c === 0x2028 || c === 0x2029 || c === 0x85) lineStarts.push(k + 1);
    else if (c === 0x0d && original.charCodeAt(k + 1) !== 0x0a) lineStarts.push(k + 1);
  }
  return {
    original,
    norm: stringOf(units.subarray(0, len), wellFormed),
    toOrig: toOrig.subarray(0, len + 1),
    lineStarts,
  };
}

/** Reads the buffer's bytes in the platform's order; `ignoreBOM` keeps a leading U+FEFF as text. */
const UTF16 = new TextDecoder(new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'utf-16le' : 'utf-16be', {
  ignoreBOM: true,
});
/** Code units per `String.fromCharCode` call: well under any engine's limit on arguments. */
const CHUNK = 4096;

/** The string of UTF-16 code units: decoded at once when well formed, else chunk by chunk so lone surrogates stay. */
function stringOf(units: Uint16Array, wellFormed: boolean): string {
  if (wellFormed) return UTF16.decode(units);
  const chunks: string[] = [];
  for (let a = 0; a < units.length; a += CHUNK) {
    chunks.push(String.fromCharCode.apply(null, units.subarray(a, a + CHUNK) as unknown as number[]));
  }
  return chunks.join('');
}

/** The original offset where normalised character `k` starts. */
export function origStart(src: SourceText, k: number): number {
  return src.toOrig[Math.max(0, Math.min(k, src.toOrig.length - 1))] as number;
}

/** The original offset just after normalised character `k - 1` (an exclusive end). */
export function origEnd(src: SourceText, k: number): number {
  const last = src.toOrig.length - 1;
  if (k <= 0) return 0;
  if (k > last) return src.original.length;
  const start = src.toOrig[k - 1] as number;
  // Several normalised characters may come from one original piece: skip to the next piece.
  let m = k;
  while (m < last && (src.toOrig[m] as number) === start) m++;
  return src.toOrig[m] as number;
}

/** 1-based line and column of an original offset. */
export function lineColumn(src: SourceText, offset: number): { line: number; column: number } {
  const starts = src.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
}

/** The span, in the original, of normalised characters `[from, to)`. */
export function spanOf(src: SourceText, from: number, to: number): Span {
  const start = origStart(src, from);
  const end = Math.max(start, origEnd(src, to));
  const a = lineColumn(src, start);
  const b = lineColumn(src, end);
  return { start, end, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}
