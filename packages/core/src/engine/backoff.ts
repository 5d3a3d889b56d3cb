/** A short random pause before the next attempt after losing a race: 0 to 2^attempt ms, at most 64. */
export function backoff(attempt: number): Promise<void> | undefined {
  if (attempt < 2) return undefined;
  const ms = Math.random() * Math.min(64, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
