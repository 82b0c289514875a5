// Who we are in reports: name, version, and where each rule's documentation lives. The docs
// base is defined here only, so SARIF helpUri and anything else linking to docs agree.
import { version } from '../package.json';

export const TOOL_NAME = 'stability-lint';
export const TOOL_VERSION: string = version;
export const REPOSITORY_URL = 'https://github.com/stability-lint/stability-lint';
/** Rule docs are `rules/<id>.md` in the repository, served from the main branch. */
export const RULE_DOCS_BASE_URL = `${REPOSITORY_URL}/blob/main/rules/`;

export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE_URL}${encodeURIComponent(ruleId)}.md`;
}
