export const logger = {
  child: (bindings: Record<string, string>) => ({
    error: (msg: string, meta?: unknown) => console.error(JSON.stringify({ ...bindings, msg, meta })),
  }),
};
