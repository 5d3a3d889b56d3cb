/**
 * Content hashing for schemes and inputs: canonical JSON, then SHA-256.
 *
 * Why a hand-written SHA-256: `@kepu/core` runs in browsers as well as Node and performs no I/O,
 * so `node:crypto` is out; the Web Crypto API (`crypto.subtle.digest`) is asynchronous, which would
 * make `assess` asynchronous for the sake of one hash. SHA-256 is about sixty lines, its test
 * vectors are public (FIPS 180-4), and the inputs hashed here are small (a scheme of a few
 * kilobytes), so a pure synchronous implementation costs nothing worth a dependency.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

// TextEncoder exists in every browser and in Node ≥ 11; it is a pure transform, not I/O.
const encoder = new TextEncoder();
const W = new Uint32Array(64);

/** SHA-256 of bytes into eight 32-bit words (the digest, big-endian word order). */
function digestWords(bytes: Uint8Array, out: Uint32Array): void {
  const bitLength = bytes.length * 8;
  const blocks = Math.ceil((bytes.length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  // The length is written as a 64-bit big-endian integer; split it so lengths above 2^32 bits work.
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x1_0000_0000));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  let h0 = 0x6a09e667;
  let h1 = 0xbb67ae85;
  let h2 = 0x3c6ef372;
  let h3 = 0xa54ff53a;
  let h4 = 0x510e527f;
  let h5 = 0x9b05688c;
  let h6 = 0x1f83d9ab;
  let h7 = 0x5be0cd19;
  const w = W;
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15] as number;
      const b = w[i - 2] as number;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) >>> 0;
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let hh = h7;
    for (let i = 0; i < 64; i++) {
      const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + s1 + ch + (K[i] as number) + (w[i] as number)) >>> 0;
      const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (s0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h0 = (h0 + a) >>> 0;
    h1 = (h1 + b) >>> 0;
    h2 = (h2 + c) >>> 0;
    h3 = (h3 + d) >>> 0;
    h4 = (h4 + e) >>> 0;
    h5 = (h5 + f) >>> 0;
    h6 = (h6 + g) >>> 0;
    h7 = (h7 + hh) >>> 0;
  }
  out[0] = h0;
  out[1] = h1;
  out[2] = h2;
  out[3] = h3;
  out[4] = h4;
  out[5] = h5;
  out[6] = h6;
  out[7] = h7;
}

/**
 * SHA-256 of a string (encoded as UTF-8) or of bytes, as 64 lowercase hex digits. Pure and
 * synchronous; works in browsers and Node alike.
 *
 * @example
 * ```ts
 * import { sha256 } from '@kepu/core/assessment';
 * sha256('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 * ```
 */
export function sha256(message: string | Uint8Array): string {
  const words = new Uint32Array(8);
  digestWords(typeof message === 'string' ? encoder.encode(message) : message, words);
  let hex = '';
  for (const word of words) hex += word.toString(16).padStart(8, '0');
  return hex;
}

/**
 * JSON with object keys sorted at every level and no whitespace, so that two values with the same
 * content always give the same text (and so the same hash), whatever order their keys were written
 * in. `undefined` properties are left out, as `JSON.stringify` does; arrays keep their order,
 * because order in an array is content. Non-finite numbers are refused, because JSON cannot hold
 * them and a hash must not silently treat NaN as null. Pure.
 *
 * @example
 * ```ts
 * import { canonicalJson } from '@kepu/core/assessment';
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }); // '{"a":[2,{"c":4,"d":3}],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`canonicalJson: ${value} is not a finite number`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          out += value[i] === undefined ? 'null' : canonicalJson(value[i]);
        }
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const v = record[key];
        if (v === undefined) continue;
        out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
}

/**
 * The content hash of a JSON-like value: `sha256:` followed by the SHA-256 of its
 * {@link canonicalJson}. Two values hash alike exactly when their canonical JSON is equal. Pure.
 *
 * @example
 * ```ts
 * import { contentHash } from '@kepu/core/assessment';
 * contentHash({ a: 1, b: 2 }) === contentHash({ b: 2, a: 1 }); // true
 * ```
 */
export function contentHash(value: unknown): string {
  return `sha256:${sha256(canonicalJson(value))}`;
}

/**
 * An order-independent hash of a collection of records, updatable one record at a time: the sum,
 * modulo 2^256, of the SHA-256 of each record's canonical JSON (an additive multiset hash). Two
 * collections holding the same records — in any order — hash alike; adding a record costs one
 * SHA-256, not a pass over everything. Used for the inputs of a scorecard. Internal to the package.
 */
export class MultisetHash {
  private readonly words = new Uint32Array(8);
  private count = 0;

  private readonly scratch = new Uint32Array(8);

  add(record: unknown): void {
    digestWords(encoder.encode(canonicalJson(record)), this.scratch);
    let carry = 0;
    for (let i = 7; i >= 0; i--) {
      const sum = (this.words[i] as number) + (this.scratch[i] as number) + carry;
      this.words[i] = sum >>> 0;
      carry = sum > 0xffff_ffff ? 1 : 0;
    }
    this.count++;
  }

  digest(): string {
    let hex = '';
    for (const word of this.words) hex += word.toString(16).padStart(8, '0');
    return `mset-sha256:${this.count}:${hex}`;
  }
}
