export function logInfo(message: string) {
  console.log(`[Hatch Baby Rest] ${message}`);
}

export function logError(message: string) {
  console.error(`[Hatch Baby Rest] ${message}`);
}
