// Who we are in reports: name and version. Docs links come from engine/docs-url, the one
// place every part of the product takes them from.
import { version } from '../package.json';

export { REPOSITORY_URL, ruleDocsUrl } from '../engine/docs-url';
export const TOOL_NAME = 'stability-lint';
export const TOOL_VERSION: string = version;
