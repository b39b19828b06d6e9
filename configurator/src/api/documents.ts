import fragmentsSource from './fragments.graphql?raw';

const NAMED = /^(?:query|mutation|subscription|fragment)\s+(\w+)/;

/** Where the string literal opening at `start` ends (its closing quote). */
function endOfString(source: string, start: number): number {
  if (source.startsWith('"""', start)) return source.indexOf('"""', start + 3) + 2;
  let i = start + 1;
  while (i < source.length && source.charAt(i) !== '"') i += source.charAt(i) === '\\' ? 2 : 1;
  return i;
}

/** The named top-level definitions of a GraphQL document, each exactly as written. */
export function definitions(source: string): Map<string, string> {
  const found = new Map<string, string>();
  let depth = 0;
  let start = -1;
  for (let i = 0; i < source.length; i += 1) {
    const char = source.charAt(i);
    if (char === '#') {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end;
    } else if (char === '"') {
      i = endOfString(source, i);
    } else if (depth === 0 && start < 0 && !/[\s,]/.test(char)) {
      start = i;
    }
    if (char === '{' || char === '(') depth += 1;
    if (char === '}' || char === ')') depth -= 1;
    if (char === '}' && depth === 0) {
      const text = source.slice(start, i + 1);
      const name = NAMED.exec(text)?.[1];
      if (name === undefined || found.has(name)) throw new Error(`Unnamed or repeated definition: ${text}`);
      found.set(name, text);
      start = -1;
    }
  }
  return found;
}

const FRAGMENTS = definitions(fragmentsSource);

/** Operation `name` of a .graphql file and every fragment it spreads, directly or through another:
 * the document sent. */
export function operation(source: string, name: string): string {
  const text = definitions(source).get(name);
  if (text === undefined) throw new Error(`No operation ${name} in its .graphql file`);
  const needed: string[] = [];
  const visit = (part: string): void => {
    for (const [, spread] of part.matchAll(/\.\.\.\s*(\w+)/g)) {
      if (spread === undefined || spread === 'on' || needed.includes(spread)) continue;
      const fragment = FRAGMENTS.get(spread);
      if (fragment === undefined) throw new Error(`No fragment ${spread} in fragments.graphql`);
      needed.push(spread);
      visit(fragment);
    }
  };
  visit(text);
  return [text, ...needed.map((spread) => FRAGMENTS.get(spread))].join('\n\n');
}
