/**
 * Await several steps that each may hold a resource (a scratch database): when
 * one fails, what the others hold is released before the first error goes on,
 * instead of waiting for the exit cleanups.
 */
export async function allOrRelease<T extends readonly unknown[]>(
  steps: { readonly [K in keyof T]: Promise<T[K]> },
  release: (value: T[number]) => Promise<void>,
): Promise<T> {
  const settled = await Promise.allSettled(steps as readonly Promise<T[number]>[]);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (!failed) return settled.map((s) => (s as PromiseFulfilledResult<T[number]>).value) as unknown as T;
  for (const s of settled) if (s.status === 'fulfilled') await release(s.value).catch(() => undefined);
  throw failed.reason;
}
