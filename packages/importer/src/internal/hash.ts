/**
 * A short, stable id suffix for a name: FNV-1a (32-bit) over its UTF-16 code units, in base 36,
 * padded to 7 characters. The same name gives the same suffix on every machine and in every
 * version, which is all an importer-made id needs; it is not a security hash.
 */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36).padStart(7, '0');
}
