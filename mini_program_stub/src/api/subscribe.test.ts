import { describe, expect, it } from 'vitest';
import type { OpenSocket, SocketHandlers } from '../platform/socket';
import { subscribe } from './subscribe';

function fakeSocket() {
  const sent: Record<string, unknown>[] = [];
  let handlers: SocketHandlers | undefined;
  let closed = false;
  const open: OpenSocket = (url, protocol, h) => {
    expect([url, protocol]).toEqual(['ws://host/graphql', 'graphql-transport-ws']);
    handlers = h;
    return { send: (text) => sent.push(JSON.parse(text) as Record<string, unknown>), close: () => (closed = true) };
  };
  const server = {
    open: () => handlers?.onOpen(),
    say: (message: object) => handlers?.onMessage(JSON.stringify(message)),
    drop: () => handlers?.onClose(),
  };
  return { open, sent, server, closed: () => closed };
}

describe('subscribe (graphql-transport-ws)', () => {
  it('authenticates in connection_init, subscribes after the ack, and hands over each step', () => {
    const { open, sent, server } = fakeSocket();
    const steps: unknown[] = [];
    subscribe({
      url: 'ws://host/graphql',
      openSocket: open,
      token: 'token-1',
      query: 'subscription { applicationEvents(id: "1") { kind } }',
      variables: { id: '1' },
      onNext: (data) => steps.push(data),
      onEnd: () => {},
    });

    server.open();
    expect(sent).toEqual([{ type: 'connection_init', payload: { Authorization: 'Bearer token-1' } }]);
    server.say({ type: 'connection_ack' });
    expect(sent[1]).toEqual({
      id: '1',
      type: 'subscribe',
      payload: { query: 'subscription { applicationEvents(id: "1") { kind } }', variables: { id: '1' } },
    });
    server.say({ type: 'ping' });
    expect(sent[2]).toEqual({ type: 'pong' });
    server.say({ id: '1', type: 'next', payload: { data: { applicationEvents: { kind: 'accepted' } } } });
    expect(steps).toEqual([{ applicationEvents: { kind: 'accepted' } }]);
  });

  it('completes and closes when stopped, without calling onEnd', () => {
    const { open, sent, server, closed } = fakeSocket();
    let ended = 0;
    const subscription = subscribe({ url: 'ws://host/graphql', openSocket: open, token: null, query: 'q', variables: {}, onNext: () => {}, onEnd: () => (ended += 1) });
    server.open();
    server.say({ type: 'connection_ack' });

    subscription.stop();
    server.drop();

    expect(sent.at(-1)).toEqual({ id: '1', type: 'complete' });
    expect(closed()).toBe(true);
    expect(ended).toBe(0);
  });

  it('says so once when the connection drops or the server refuses', () => {
    const { open, server } = fakeSocket();
    const reasons: string[] = [];
    subscribe({ url: 'ws://host/graphql', openSocket: open, token: null, query: 'q', variables: {}, onNext: () => {}, onEnd: (r) => reasons.push(r) });
    server.open();
    server.say({ type: 'connection_ack' });
    server.say({ id: '1', type: 'error', payload: [{ message: 'Sign in first' }] });
    server.drop();

    expect(reasons).toEqual(['[{"message":"Sign in first"}]']);
  });
});
