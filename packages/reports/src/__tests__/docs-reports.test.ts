import * as core from '@kepu/core';
import * as zhengning from '@kepu/plan-zhengning';
import * as demo from '@kepu/plan-zhengning/demo';
import { describeDocSnippets } from '@kepu/test-utils/doc-snippets';
import * as reports from '../index.js';

// docs/reports.md's snippets are type-checked against the sources, run, and their `// →` lines hold.
describeDocSnippets(
  'docs/reports.md',
  {
    '@kepu/reports': reports,
    '@kepu/core': core,
    '@kepu/plan-zhengning': zhengning,
    '@kepu/plan-zhengning/demo': demo,
  },
  { minSnippets: 3 },
);
