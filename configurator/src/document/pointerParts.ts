/** The unescaped parts of a JSON pointer (RFC 6901): "/a~1b/0" → ["a/b", "0"]. */
export function pointerParts(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}
