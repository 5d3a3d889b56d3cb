/**
 * Freezes a value and everything reachable from it, so the shared reference plan cannot be
 * changed by one consumer under another's feet. Returns the same value, typed as given.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}
