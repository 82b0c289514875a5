// Writes schema/stability-lint.schema.json from the rules' metadata (run: npm run schema).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configSchema } from '../engine/config-schema';
import { allRules } from '../rules';

export const SCHEMA_FILE = path.resolve(__dirname, '../schema/stability-lint.schema.json');

export function schemaText(): string {
  return JSON.stringify(configSchema(allRules), null, 2) + '\n';
}

if (require.main === module) {
  fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
  fs.writeFileSync(SCHEMA_FILE, schemaText());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
