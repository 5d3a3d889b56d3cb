import * as core from '@kepu/core';
import * as zhengning from '@kepu/plan-zhengning';
import { describeDocSnippets } from '@kepu/test-utils/doc-snippets';
import * as survey from '../index.js';

// docs/survey.md's snippets are type-checked against the sources, run, and their `// →` lines hold.
describeDocSnippets(
  'docs/survey.md',
  { '@kepu/survey': survey, '@kepu/core': core, '@kepu/plan-zhengning': zhengning },
  { minSnippets: 8 },
);
