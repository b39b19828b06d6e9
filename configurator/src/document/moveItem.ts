/** A copy of the list with the item at `index` moved one place up (-1) or down (1). */
export function moveItem<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  const copy = [...list];
  if (to < 0 || to >= list.length) return copy;
  [copy[index], copy[to]] = [copy[to] as T, copy[index] as T];
  return copy;
}
