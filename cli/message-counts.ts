// Problem counts, computed one way for the summary line, the JSON counts and the exit code.
import { chosenFix } from '../engine/apply-fixes';
import type { LintMessage } from '../engine/types';

export interface MessageCounts {
  errors: number;
  warnings: number;
  infos: number;
  fatalErrors: number;
  /** Problems `--fix` can fix: those carrying a safe fix, whatever the edits touch (unsafe ones need --unsafe). */
  fixableErrors: number;
  fixableWarnings: number;
  /** Problems with no safe fix but an unsafe one: fixed only by `--fix --unsafe`. */
  unsafeFixable: number;
}

export function countMessages(messages: readonly LintMessage[]): MessageCounts {
  const c: MessageCounts = { errors: 0, warnings: 0, infos: 0, fatalErrors: 0, fixableErrors: 0, fixableWarnings: 0, unsafeFixable: 0 };
  for (const m of messages) {
    const fixable = m.finding !== undefined && chosenFix(m.finding, 'safe') !== undefined;
    if (!fixable && m.finding && chosenFix(m.finding, 'unsafe')) c.unsafeFixable++;
    if (m.severity === 'error') {
      c.errors++;
      if (m.fatal) c.fatalErrors++;
      if (fixable) c.fixableErrors++;
    } else if (m.severity === 'warn') {
      c.warnings++;
      if (fixable) c.fixableWarnings++;
    } else {
      c.infos++;
    }
  }
  return c;
}

export function addCounts(a: MessageCounts, b: MessageCounts): MessageCounts {
  return {
    errors: a.errors + b.errors,
    warnings: a.warnings + b.warnings,
    infos: a.infos + b.infos,
    fatalErrors: a.fatalErrors + b.fatalErrors,
    fixableErrors: a.fixableErrors + b.fixableErrors,
    fixableWarnings: a.fixableWarnings + b.fixableWarnings,
    unsafeFixable: a.unsafeFixable + b.unsafeFixable,
  };
}
