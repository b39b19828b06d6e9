/** Every JsonLogic operator a rule uses: the key of each object with exactly one key. */
export function operatorsIn(rule: unknown): Set<string> {
  if (Array.isArray(rule)) return new Set(rule.flatMap((item) => [...operatorsIn(item)]));
  if (typeof rule === 'object' && rule !== null) {
    const entries = Object.entries(rule);
    if (entries.length === 1) {
      const [op, args] = entries[0] as [string, unknown];
      return new Set([op, ...operatorsIn(args)]);
    }
  }
  return new Set();
}
