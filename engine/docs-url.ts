// Where each rule's documentation lives: the one place the CLI (SARIF helpUri), the language
// server (codeDescription.href) and the README link to.
export const REPOSITORY_URL = 'https://github.com/stability-lint/stability-lint';

export function ruleDocsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
}
