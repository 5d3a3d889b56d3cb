import { readdirSync, readFileSync } from 'node:fs';
import * as core from '@kepu/core';
import * as zhengning from '@kepu/plan-zhengning';
import { describeDocSnippets } from '@kepu/test-utils/doc-snippets';
import { describe, expect, it } from 'vitest';

// docs/assessment.md's snippets are type-checked against the sources, run, and their `// →` lines hold.
describeDocSnippets(
  'docs/assessment.md',
  { '@kepu/core': core, '@kepu/plan-zhengning': zhengning },
  { minSnippets: 7 },
);

// What Kepu chose where the plan is silent is a default, said as such: no doc claims, without a
// cited source, that a choice is what counties commonly do.
describe('the docs present defaults as defaults', () => {
  const docs = [
    'README.md',
    ...readdirSync('docs')
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  const claims = [
    /most common/i,
    /common practice/i,
    /commonly/i,
    /middle of what is seen/i,
    /common in [a-z-]+ schemes/i,
    /county practice/i,
    /practice of county/i,
    /typical of/i,
    /常见/,
  ];
  it.each(docs)('%s makes no uncited claim of prevalence', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(claims.filter((claim) => claim.test(text)).map(String)).toEqual([]);
  });

  it('docs/assessment.md says the Zhengning scheme is a default, marked where shown, and how to change it', () => {
    const text = readFileSync('docs/assessment.md', 'utf8');
    expect(text).toContain('（默认）');
    expect(text).toMatch(/scheme override/);
    expect(text).toMatch(/origin: 'default'/);
  });
});
