export interface Logger {
  info(msg: string): void;
  warn(msg: string, err?: unknown): void;
}
