import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse, UploadRequest } from '../platform/transport';
import { ApiError, createClient } from './client';

const QUERY = 'query Me { me { name } }';
const HASH = createHash('sha256').update(QUERY).digest('hex');

/** A transport answering from a script, recording what was sent. */
function fake(...answers: HttpResponse[]) {
  const sent: Record<string, unknown>[] = [];
  const headers: Record<string, string>[] = [];
  const uploads: UploadRequest[] = [];
  let signedOut = 0;
  const client = createClient({
    endpoint: '/graphql',
    transport: async (request: HttpRequest) => {
      sent.push(JSON.parse(request.body) as Record<string, unknown>);
      headers.push(request.headers);
      const answer = answers.shift();
      if (!answer) throw new Error('no more answers');
      return answer;
    },
    uploader: async (request) => {
      uploads.push(request);
      return { status: 200, body: { data: { uploadMaterial: { __typename: 'Application' } } } };
    },
    sha256: async (text) => createHash('sha256').update(text).digest('hex'),
    token: () => 'token-1',
    onSignedOut: () => {
      signedOut += 1;
    },
  });
  return { client, sent, headers, uploads, signedOut: () => signedOut };
}

const DATA = { status: 200, body: { data: { me: { name: '王建国' } } } };
const EXTENSIONS = { persistedQuery: { version: 1, sha256Hash: HASH } };

describe('automatic persisted queries', () => {
  it('sends only the hash when the server knows it', async () => {
    const { client, sent, headers } = fake(DATA);

    expect(await client.request(QUERY)).toEqual({ me: { name: '王建国' } });
    expect(sent).toEqual([{ variables: {}, extensions: EXTENSIONS }]);
    expect(headers[0]).toMatchObject({ Authorization: 'Bearer token-1', 'Content-Type': 'application/json' });
  });

  it('sends the text with the same hash once the server says PERSISTED_QUERY_NOT_FOUND', async () => {
    const notFound = { status: 200, body: { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] } };
    const { client, sent } = fake(notFound, DATA);

    await client.request(QUERY, { id: '1' });

    expect(sent).toEqual([
      { variables: { id: '1' }, extensions: EXTENSIONS },
      { query: QUERY, variables: { id: '1' }, extensions: EXTENSIONS },
    ]);
  });

  it('falls back to the text when a server without APQ refuses a request without query', async () => {
    const { client, sent } = fake({ status: 400, body: 'No GraphQL query found in the request' }, DATA);

    expect(await client.request(QUERY)).toEqual({ me: { name: '王建国' } });
    expect(sent[1]).toMatchObject({ query: QUERY });
  });

  it('never sends an operation again once it ran, even when it failed', async () => {
    const failed = { status: 200, body: { data: null, errors: [{ message: 'boom', path: ['me'], extensions: { code: 'INTERNAL' } }] } };
    const { client, sent } = fake(failed);

    await expect(client.request(QUERY)).rejects.toEqual(new ApiError('boom', 'INTERNAL'));
    expect(sent).toHaveLength(1);
  });

  it('tells the app when the server no longer knows the token', async () => {
    const denied = { status: 200, body: { data: null, errors: [{ message: 'Sign in first', path: ['me'], extensions: { code: 'UNAUTHENTICATED' } }] } };
    const { client, signedOut } = fake(denied);

    await expect(client.request(QUERY)).rejects.toThrow('Sign in first');
    expect(signedOut()).toBe(1);
  });
});

describe('uploads', () => {
  it('are GraphQL multipart requests: operations with the file variable null, a map, one file part', async () => {
    const { client, uploads } = fake();
    const file = { name: 'scan.pdf', path: 'wxfile://scan.pdf' };

    await client.upload('mutation Upload($file: Upload!) { x }', { id: '7', file: null }, 'file', file);

    expect(uploads[0]).toEqual({
      url: '/graphql',
      headers: { Authorization: 'Bearer token-1' },
      fields: {
        operations: JSON.stringify({ query: 'mutation Upload($file: Upload!) { x }', variables: { id: '7', file: null } }),
        map: JSON.stringify({ '0': ['variables.file'] }),
      },
      fileField: '0',
      file,
    });
  });
});
