import { assess } from '@kepu/core';
import { zhengningPlan as plan, zhengningScheme as scheme } from '@kepu/plan-zhengning';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../report/build-report.js';
import { reportToMarkdown } from '../report/markdown.js';

describe('Markdown report (issue 16, finding 8)', () => {
  it('escapes HTML in plan, scheme and unit names instead of passing raw markup through', () => {
    const hostile = {
      ...plan,
      meta: { ...plan.meta, title: '<script>alert(1)</script>正宁' },
      orgUnits: plan.orgUnits.map((u) => (u.id === 'education' ? { ...u, name: '<img src=x onerror=alert(2)>' } : u)),
    };
    const hostileScheme = { ...scheme, name: '<b onclick="x()">方案</b>' };
    const card = assess(hostile, hostileScheme, {}, { period: 2023 });
    const md = reportToMarkdown(
      buildReport(card, hostile, { lang: 'zh', source: { kind: 'computed' }, scheme: hostileScheme }),
    );
    expect(md).not.toMatch(/<script|<img|<b /);
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;正宁');
    expect(md).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(md).toContain('&lt;b onclick="x()"&gt;方案&lt;/b&gt;');
  });
});
