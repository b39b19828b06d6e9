import { describe, expect, it } from 'vitest';
import { createClient } from '../api/client';
import type { HttpRequest } from '../platform/transport';
import { signOut } from './signOut';

/** A client over a transport that records each request and answers with `answer`. */
function recording(answer: () => Promise<{ status: number; body: unknown }>) {
  const sent: HttpRequest[] = [];
  let token: string | null = 'token-1';
  const client = createClient({
    endpoint: '/graphql',
    transport: async (request) => {
      sent.push(request);
      return answer();
    },
    uploader: async () => ({ status: 500, body: null }),
    sha256: async () => 'hash',
    token: () => token,
    onSignedOut: () => undefined,
  });
  return { client, sent, forget: () => (token = null), token: () => token };
}

describe('signOut', () => {
  it('asks the server to end the session with the token, then forgets the token', async () => {
    const r = recording(async () => ({ status: 200, body: { data: { signOut: true } } }));

    await signOut(r.client, r.forget);

    expect(r.sent).toHaveLength(1);
    expect(r.sent[0]?.headers).toMatchObject({ Authorization: 'Bearer token-1' });
    expect(r.token()).toBeNull();
  });

  it('forgets the token even when the server cannot be reached', async () => {
    const r = recording(async () => {
      throw new Error('offline');
    });

    await signOut(r.client, r.forget);

    expect(r.token()).toBeNull();
  });
});
