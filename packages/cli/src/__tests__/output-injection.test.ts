import { assess } from '@kepu/core';
import { zhengningPlan as plan, zhengningScheme as scheme } from '@kepu/plan-zhengning';
import { renderReport } from '@kepu/reports';
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../commands/survey/table.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

function elements(node: Node, name: string, out: Element[] = []): Element[] {
  if ('tagName' in node && node.tagName === name) out.push(node);
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) elements(child, name, out);
  if ('content' in node && node.content) elements(node.content as Node, name, out);
  return out;
}

describe('output escaping (issue 16, findings 8 and 11)', () => {
  it('CSV output prefixes cells that Excel would run as formulas, and leaves numbers alone', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        { a: '=HYPERLINK("http://x","点我")', b: '+1+1' },
        { a: '@SUM(A1)', b: '-2+3' },
        { a: '\tTAB', b: '\rCR' },
        { a: '-1.5', b: -2 },
      ],
    );
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"",""点我"")",'+1+1`);
    expect(lines[2]).toBe("'@SUM(A1),'-2+3");
    expect(lines[3]).toBe(`'\tTAB,"'\rCR"`);
    expect(lines[4]).toBe('-1.5,-2');
  });

  it('every SVG chart in the HTML report carries a style attribute that parses whole (quotes in the font family escaped)', async () => {
    const card = assess(plan, scheme, {}, { period: 2025 });
    const html = (await renderReport('html', {
      card,
      plan,
      scheme,
      lang: 'zh',
      source: { kind: 'computed' },
    })) as string;
    const svgs = elements(parse(html), 'svg');
    expect(svgs.length).toBeGreaterThan(0);
    const texts = svgs.flatMap((svg) => elements(svg, 'text'));
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      const names = text.attrs.map((a) => a.name);
      // A quote inside the attribute would end it early and turn the rest into stray attributes.
      expect(names.filter((n) => /["',;]|sans|hei|fang|han|cjk|serif/i.test(n))).toEqual([]);
      const style = text.attrs.find((a) => a.name === 'style')?.value ?? '';
      expect(style).toMatch(/font-family:'Noto Sans CJK SC', .*sans-serif;/);
    }
  });
});
