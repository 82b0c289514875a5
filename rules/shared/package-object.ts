// The object a package.json being linted holds, read from the text the rule sees (the editor's
// buffer, not the file on disk), or undefined when it is not an object.
import { parse as parseJsonc } from 'jsonc-parser';

export function packageObject(text: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = parseJsonc(text);
  } catch {
    return undefined;
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
