// Runs async jobs a few at a time, results in input order. The install waits on the registry and
// the lint on the CPU; either way a small fixed number at once is faster than one by one.
export async function mapWithConcurrency<T, R>(items: T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i], i);
  };
  // stability-lint-disable-next-line unbounded-concurrency -- at most `concurrency` workers, whatever the input size
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}
