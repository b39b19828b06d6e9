/** The first `<prefix>_<n>` not among the ids taken. */
export function nextId(prefix: string, taken: readonly { id: string }[] | undefined): string {
  const ids = new Set((taken ?? []).map((item) => item.id));
  let n = 1;
  while (ids.has(`${prefix}_${n}`)) n += 1;
  return `${prefix}_${n}`;
}
