import { describe, expect, it } from 'vitest';
import { definitions, operation } from './documents';
import * as operations from './operations';

describe('definitions', () => {
  it('finds each named definition as written, without the comments between them', () => {
    const source = `# the list
query List($filter: Filter = { tags: ["a}"] }) { items(filter: $filter) { id } }

fragment Item on Item { id name }
`;

    expect([...definitions(source)]).toEqual([
      ['List', 'query List($filter: Filter = { tags: ["a}"] }) { items(filter: $filter) { id } }'],
      ['Item', 'fragment Item on Item { id name }'],
    ]);
  });

  it('refuses an operation without a name', () => {
    expect(() => definitions('{ me { name } }')).toThrow(/Unnamed/);
  });
});

describe('operation', () => {
  it('appends each fragment the operation spreads once', () => {
    const sent = operation(
      'query Both($code: String!) { matter(code: $code) { guide { ...GuideFields } again: guide { ...GuideFields } } }',
      'Both',
    );

    expect([...sent.matchAll(/^fragment (\w+)/gm)].map(([, name]) => name)).toEqual(['GuideFields']);
  });

  it('refuses a name its file does not define', () => {
    expect(() => operation('query Me { me { name } }', 'You')).toThrow(/No operation You/);
  });
});

it('names each operation the mini-program sends after the constant that holds it', () => {
  for (const [constant, document] of Object.entries(operations)) {
    const name = /^(?:query|mutation|subscription) (\w+)/.exec(document)?.[1];
    expect(name?.toLowerCase()).toBe(constant.replaceAll('_', '').toLowerCase());
  }
});
