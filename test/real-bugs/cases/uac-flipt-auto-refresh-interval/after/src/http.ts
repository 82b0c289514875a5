export async function fetchSnapshot(url: string, namespace: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/internal/v1/evaluation/snapshot/namespace/${namespace}`, {
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`snapshot request failed: ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}
