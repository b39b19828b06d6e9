/** One item the clerk ticked on the correction notice: an answer or a material, and why. */
export interface Ticked {
  path: string;
  reason: string;
}

export interface CorrectionDraft {
  items: { path: string; reason: string }[];
  /** Paths ticked without a reason: the notice cannot go until each has one. */
  missingReasons: string[];
}

/** The items of one correction notice (一次性告知) from what was ticked: each with its reason
 * trimmed, answers before materials, in the order they were listed. */
export function correctionItems(ticked: Ticked[]): CorrectionDraft {
  const items = ticked.map((item) => ({ path: item.path, reason: item.reason.trim() }));
  const rank = (path: string) => (path.startsWith('/answers/') ? 0 : 1);
  const ordered = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item.path) - rank(b.item.path) || a.index - b.index)
    .map(({ item }) => item);
  return {
    items: ordered.filter((item) => item.reason !== ''),
    missingReasons: ordered.filter((item) => item.reason === '').map((item) => item.path),
  };
}
