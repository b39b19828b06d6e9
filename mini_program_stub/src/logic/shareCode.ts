/**
 * The share code in what a citizen entered or opened: the 8 letters and digits alone, or a link
 * ending in #/join/<code>; spaces, dashes and lower case forgiven. null when there is none.
 */
export function shareCode(text: string): string | null {
  const fromLink = /#\/join\/([^?&#/]+)/.exec(text)?.[1];
  const code = decodeURIComponent(fromLink ?? text)
    .replace(/[\s-]/g, '')
    .toUpperCase();
  return /^[A-Z0-9]{8}$/.test(code) ? code : null;
}
