import * as core from '@kepu/core';
import * as zhengning from '@kepu/plan-zhengning';
import { describeDocSnippets } from '@kepu/test-utils/doc-snippets';

// docs/assessment.md's snippets are type-checked against the sources, run, and their `// →` lines hold.
describeDocSnippets(
  'docs/assessment.md',
  { '@kepu/core': core, '@kepu/plan-zhengning': zhengning },
  { minSnippets: 7 },
);
