/** A WebSocket as the subscription client needs it, whatever the platform. */
export interface SocketHandlers {
  onOpen(): void;
  onMessage(text: string): void;
  onClose(): void;
}

export interface Socket {
  send(text: string): void;
  close(): void;
}

export type OpenSocket = (url: string, protocol: string, handlers: SocketHandlers) => Socket;

/** The browser's WebSocket. */
export const browserSocket: OpenSocket = (url, protocol, handlers) => {
  const ws = new WebSocket(url, protocol);
  ws.binaryType = 'arraybuffer'; // a proxy may forward text frames as binary ones
  ws.onopen = () => handlers.onOpen();
  ws.onmessage = (event: MessageEvent<string | ArrayBuffer>) =>
    handlers.onMessage(typeof event.data === 'string' ? event.data : new TextDecoder().decode(event.data));
  ws.onclose = () => handlers.onClose();
  return { send: (text) => ws.send(text), close: () => ws.close() };
};

/** WeChat's SocketTask from wx.connectSocket({url, protocols}). */
export interface WxSocketTask {
  onOpen(callback: () => void): void;
  onMessage(callback: (res: { data: string | ArrayBuffer }) => void): void;
  onClose(callback: () => void): void;
  send(options: { data: string }): void;
  close(options: object): void;
}

export function wxSocket(
  connectSocket: (options: { url: string; protocols: string[] }) => WxSocketTask,
): OpenSocket {
  return (url, protocol, handlers) => {
    const task = connectSocket({ url, protocols: [protocol] });
    task.onOpen(() => handlers.onOpen());
    task.onMessage((res) => handlers.onMessage(typeof res.data === 'string' ? res.data : new TextDecoder().decode(res.data)));
    task.onClose(() => handlers.onClose());
    return { send: (data) => task.send({ data }), close: () => task.close({}) };
  };
}
