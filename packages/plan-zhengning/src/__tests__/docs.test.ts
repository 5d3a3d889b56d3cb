import * as core from '@kepu/core';
import { describeDocSnippets } from '@kepu/test-utils/doc-snippets';
import * as zhengning from '../index.js';

// docs/plan-model.md's snippets are type-checked against the sources, run, and their `// →` lines hold.
describeDocSnippets(
  'docs/plan-model.md',
  { '@kepu/core': core, '@kepu/plan-zhengning': zhengning },
  { minSnippets: 10 },
);
