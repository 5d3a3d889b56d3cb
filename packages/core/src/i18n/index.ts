export type { Bilingual, Lang, ZhFirstText } from './bilingual.js';
export { containsChinese, localized, localizedName } from './bilingual.js';
export type {
  BilingualRefinement,
  ErrorCodeTable,
  IssueOf,
  IssueParams,
  IssuePath,
  PlaceholdersOf,
} from './error-codes.js';
export { defineErrorCodes, errorCodeProblems, fillTemplate, zodPath } from './error-codes.js';
export { formatPath } from './format-path.js';
export { hasBrand, IssueError } from './issue-error.js';
