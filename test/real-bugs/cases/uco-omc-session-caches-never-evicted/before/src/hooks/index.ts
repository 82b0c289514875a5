import { onSessionEnd, onSessionStart } from './project-memory/index';

export const hooks = {
  SessionStart: (input: { session_id: string; cwd: string }) => onSessionStart(input.session_id, input.cwd),
  SessionEnd: (input: { session_id: string }) => onSessionEnd(input.session_id),
};
