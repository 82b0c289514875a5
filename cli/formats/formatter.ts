// What every report format receives and returns. Formatters are pure: the text of the report,
// including its final newline, or '' when there is nothing to say.
import type { FileReport, Rule } from '../../engine/types';
import type { SourceTexts } from '../source-texts';

export interface FormatContext {
  /** Paths in reports are shown relative to this folder. */
  cwd: string;
  /** Every rule of the product, for rule metadata (SARIF lists them). */
  rules: ReadonlyMap<string, Rule<any>>;
  /** ANSI colours; only the stylish format uses them. */
  color: boolean;
  texts: SourceTexts;
}

export type Formatter = (reports: readonly FileReport[], ctx: FormatContext) => string;
