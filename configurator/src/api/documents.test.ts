import { describe, expect, it } from 'vitest';
import { definitions, operation } from './documents';
import * as editorMutations from '../editor/mutations';
import * as editorQueries from '../editor/queries';
import * as matterMutations from '../matters/mutations';
import * as matterQueries from '../matters/queries';
import * as signInMutations from '../signin/mutations';
import * as signInQueries from '../signin/queries';

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
    expect(() => definitions('{ me { id } }')).toThrow(/Unnamed/);
  });
});

describe('operation', () => {
  it('appends every fragment the operation spreads, directly or through another, once', () => {
    const sent = operation(
      'mutation Save($code: String!) { saveDraft(code: $code) { ...AuthoringResultFields } }',
      'Save',
    );

    const names = [...sent.matchAll(/^fragment (\w+)/gm)].map(([, name]) => name);
    expect(names).toEqual([
      'AuthoringResultFields',
      'MatterFields',
      'DiffFields',
      'ProblemFields',
      'ResultFields',
      'AuthoringErrorFields',
    ]);
  });

  it('refuses a name its file does not define', () => {
    expect(() => operation('query Me { me { name } }', 'You')).toThrow(/No operation You/);
  });
});

it('names each operation the configurator sends after the constant that holds it', () => {
  const modules = [editorQueries, editorMutations, matterQueries, matterMutations, signInQueries, signInMutations];
  const documents = modules.flatMap((module) => Object.entries(module));

  for (const [constant, document] of documents) {
    const name = /^(?:query|mutation) (\w+)/.exec(document)?.[1];
    expect(name?.toLowerCase()).toBe(constant.replaceAll('_', '').toLowerCase());
  }
});
