// Writes the "Known libraries" section of each rule's docs page from the knowledge table
// (run: npm run docs:libraries). test/docs-libraries.test.ts keeps the pages current.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KNOWLEDGE_RULES, withKnownLibraries } from '../engine/knowledge-docs';

export const DOCS_DIR = path.resolve(__dirname, '../docs/rules');

if (require.main === module) {
  for (const id of KNOWLEDGE_RULES) {
    const file = path.join(DOCS_DIR, `${id}.md`);
    const before = fs.readFileSync(file, 'utf8');
    const after = withKnownLibraries(before, id);
    if (after !== before) fs.writeFileSync(file, after);
    console.log(`${after === before ? 'current' : 'wrote'} ${path.relative(process.cwd(), file)}`);
  }
}
