import type { Bilingual } from '../i18n.js';

/**
 * How {@link parseNumberText} reads numbers.
 *
 * @example
 * ```ts
 * import type { NumberTextOptions } from '@kepu/reports';
 * const options: NumberTextOptions = { thousands: true };
 * ```
 */
export interface NumberTextOptions {
  /**
   * Accept comma thousands separators in whole groups of three (`12,345.6`). Off unless the user
   * declares it, because `1,5` may be a decimal comma: read as 15 it would be silently wrong.
   * @default false
   */
  readonly thousands?: boolean;
}

const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * Reads a number typed in a cell, strictly: decimal digits with an optional sign, decimal point
 * and exponent, after full-width characters are folded (`１２．５` is 12.5). Refused, each with a
 * message that says how to fix it: hexadecimal, octal or binary (`0x10`), a comma — a decimal
 * comma (`1,5`) or a thousands separator not declared with `thousands` —, spaces inside, a
 * percent sign, anything not finite. `Number()` would read `0x10` as 16 and `''` as 0; this never
 * does. Pure.
 *
 * @example
 * ```ts
 * import { parseNumberText } from '@kepu/reports';
 * parseNumberText('12.5'); // { ok: true, value: 12.5 }
 * parseNumberText('1,5').ok; // false: write 1.5
 * parseNumberText('12,000', { thousands: true }); // { ok: true, value: 12000 }
 * ```
 */
export function parseNumberText(
  input: string,
  options: NumberTextOptions = {},
): { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: Bilingual } {
  const text = input.normalize('NFKC').trim();
  let value: number | undefined;
  if (PLAIN.test(text)) value = Number(text);
  else if (options.thousands && GROUPED.test(text)) value = Number(text.replaceAll(',', ''));
  else if (/^[+-]?0[xob]/i.test(text)) {
    return {
      ok: false,
      reason: {
        zh: `“${input}”是十六进制（或八进制、二进制）写法，请填十进制数字`,
        en: `"${input}" is written in hexadecimal (or octal, binary); give a decimal number`,
      },
    };
  } else if (/^[+-]?[\d.]+(?:,[\d.]+)+$/.test(text)) {
    const asDecimal = text.replace(',', '.');
    return {
      ok: false,
      reason: {
        zh: `“${input}”含逗号：如果逗号是小数点，请写作 ${asDecimal}；如果是千位分隔符，请去掉逗号${GROUPED.test(text) ? '（或导入时声明 --thousands）' : ''}`,
        en: `"${input}" has a comma: if it is a decimal comma write ${asDecimal}; if it separates thousands, remove it${GROUPED.test(text) ? ' (or declare --thousands)' : ''}`,
      },
    };
  } else if (text.endsWith('%')) {
    return {
      ok: false,
      reason: {
        zh: '请填数字，不要带百分号；比例类指标请填分子和分母，或填上级公布的百分数（如 11.2）并写明公布来源',
        en: 'enter a plain number without %; for a rate give the numerator and denominator, or the published percentage (e.g. 11.2) with its source',
      },
    };
  }
  if (value === undefined) return { ok: false, reason: { zh: `“${input}”不是数字`, en: `"${input}" is not a number` } };
  if (!Number.isFinite(value)) return { ok: false, reason: { zh: '不是有限的数字', en: 'not a finite number' } };
  return { ok: true, value };
}
