import { expect, it } from 'vitest';
import { wxSocket, type WxSocketTask } from './socket';

it('wraps the SocketTask of wx.connectSocket with the subprotocol', () => {
  const calls: string[] = [];
  const callbacks: Record<string, (res?: { data: string }) => void> = {};
  const task: WxSocketTask = {
    onOpen: (cb) => (callbacks.open = cb),
    onMessage: (cb) => (callbacks.message = cb as (res?: { data: string }) => void),
    onClose: (cb) => (callbacks.close = cb),
    send: ({ data }) => calls.push(`send ${data}`),
    close: () => calls.push('close'),
  };
  let opened: { url: string; protocols: string[] } | undefined;
  const heard: string[] = [];

  const socket = wxSocket((options) => {
    opened = options;
    return task;
  })('wss://host/graphql', 'graphql-transport-ws', {
    onOpen: () => heard.push('open'),
    onMessage: (text) => heard.push(text),
    onClose: () => heard.push('closed'),
  });
  callbacks.open?.();
  callbacks.message?.({ data: '{"type":"connection_ack"}' });
  socket.send('{"type":"ping"}');
  socket.close();
  callbacks.close?.();

  expect(opened).toEqual({ url: 'wss://host/graphql', protocols: ['graphql-transport-ws'] });
  expect(heard).toEqual(['open', '{"type":"connection_ack"}', 'closed']);
  expect(calls).toEqual(['send {"type":"ping"}', 'close']);
});
