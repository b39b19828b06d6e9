import type { OpenSocket } from '../platform/socket';

export interface Subscription {
  stop(): void;
}

export interface SubscribeOptions<R> {
  url: string;
  openSocket: OpenSocket;
  token: string | null;
  query: string;
  variables: object;
  onNext(data: R): void;
  /** The socket closed or the server refused: the caller may reload and subscribe again. */
  onEnd(reason: string): void;
}

/** One subscription over graphql-transport-ws (the token goes in connection_init). */
export function subscribe<R>(options: SubscribeOptions<R>): Subscription {
  let stopped = false;
  let subscribed = false;
  const send = (message: object): void => socket.send(JSON.stringify(message));
  const end = (reason: string): void => {
    if (!stopped) {
      stopped = true;
      options.onEnd(reason);
    }
  };
  const socket = options.openSocket(options.url, 'graphql-transport-ws', {
    onOpen: () =>
      send({
        type: 'connection_init',
        payload: options.token ? { Authorization: `Bearer ${options.token}` } : {},
      }),
    onMessage: (text) => {
      const message = JSON.parse(text) as { type: string; payload?: unknown };
      switch (message.type) {
        case 'connection_ack':
          subscribed = true;
          send({ id: '1', type: 'subscribe', payload: { query: options.query, variables: options.variables } });
          break;
        case 'ping':
          send({ type: 'pong' });
          break;
        case 'next': {
          const payload = message.payload as { data?: R; errors?: { message: string }[] };
          if (payload.data) options.onNext(payload.data);
          else end(payload.errors?.[0]?.message ?? 'error');
          break;
        }
        case 'error':
          end(JSON.stringify(message.payload));
          socket.close();
          break;
        case 'complete':
          end('complete');
          socket.close();
          break;
      }
    },
    onClose: () => end('closed'),
  });
  return {
    stop: () => {
      if (stopped) return;
      stopped = true;
      if (subscribed) send({ id: '1', type: 'complete' });
      socket.close();
    },
  };
}
