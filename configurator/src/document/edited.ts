/** A changed copy of a JSON value: `change` mutates a deep copy, the original stays as it was. */
export function edited<T>(value: T, change: (copy: T) => void): T {
  const copy = structuredClone(value);
  change(copy);
  return copy;
}
