import { displayWidth } from '@kepu/reports';

// Terminal text width is the reports' own measure (Chinese characters count twice).
export { displayWidth };

/**
 * Pads (or cuts, with an ellipsis) `text` to exactly `width` columns.
 *
 * @example
 * ```ts
 * import { fit } from './width.js';
 * fit('县科协', 8); // '县科协  '
 * ```
 */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  let out = text;
  if (displayWidth(out) > width) {
    let cut = '';
    for (const char of text) {
      if (displayWidth(`${cut}${char}…`) > width) break;
      cut += char;
    }
    out = `${cut}…`;
  }
  const pad = ' '.repeat(Math.max(0, width - displayWidth(out)));
  return align === 'right' ? pad + out : out + pad;
}
