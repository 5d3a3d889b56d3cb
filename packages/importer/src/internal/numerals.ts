const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/**
 * The value of a Chinese numeral up to 999 (一, 十二, 二十, 一百零五) or of Arabic digits;
 * `undefined` for anything else.
 */
export function numeralValue(text: string): number | undefined {
  if (/^\d{1,4}$/.test(text)) return Number(text);
  if (text === '' || !/^[〇零一二两三四五六七八九十百]+$/.test(text)) return undefined;
  let total = 0;
  let current = 0;
  let seen = false;
  for (const ch of text) {
    const digit = DIGITS[ch];
    if (digit !== undefined) {
      current = digit;
      seen = true;
    } else if (ch === '十') {
      total += (seen ? current : 1) * 10;
      current = 0;
      seen = false;
    } else if (ch === '百') {
      total += (seen ? current : 1) * 100;
      current = 0;
      seen = false;
    }
  }
  const value = total + current;
  return value > 0 && value < 1000 ? value : undefined;
}

const SMALL = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** The Chinese numeral for 1–99, as documents print heading numbers (十一, 二十). */
export function chineseNumeral(n: number): string {
  if (n < 10) return SMALL[n] ?? String(n);
  if (n < 20) return `十${SMALL[n % 10]}`;
  if (n < 100) return `${SMALL[Math.floor(n / 10)]}十${SMALL[n % 10]}`;
  return String(n);
}

/** Years written in Chinese digits (二〇二二) to numbers. */
export function chineseYear(text: string): number | undefined {
  if (/^\d{4}$/.test(text)) return Number(text);
  if (!/^[〇零一二三四五六七八九]{4}$/.test(text)) return undefined;
  let value = 0;
  for (const ch of text) value = value * 10 + (DIGITS[ch] ?? 0);
  return value;
}
