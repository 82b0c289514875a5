export interface Job<T> {
  id: string;
  payload: T;
}

export interface Storage {
  dequeue<T>(queue: string, blockTimeoutSeconds: number): Promise<Job<T> | null>;
  complete(id: string, result: unknown): Promise<void>;
  fail(id: string, error: Error): Promise<void>;
}
