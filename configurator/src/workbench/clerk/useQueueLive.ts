import { useEffect, useRef, useState } from 'react';
import { session } from '../../api/session';

const POLL_MS = 30_000;

/** Calls `onChange(live)` when the window's queue may have changed: on each event of the staff
 * subscription `document` (graphql-transport-ws on /staff/graphql, the token in connection_init)
 * while it is open (live: true), and every 30 s otherwise (live: false) (no subscription, or its socket closed).
 * The stream's first event (`watching`: the server has read the queue) is no change: from it on,
 * until the socket closes, the hook answers true (the queue is live). */
export function useQueueLive(onChange: (live: boolean) => void, document: string | null): boolean {
  const latest = useRef(onChange);
  latest.current = onChange;
  const [live, setLive] = useState(false);

  useEffect(() => {
    let socket: WebSocket | null = null;
    let timer: number | null = null;
    let stopped = false;
    let watching = false;
    const poll = () => {
      setLive(false);
      if (timer === null && !stopped) timer = window.setInterval(() => latest.current(false), POLL_MS);
    };
    const token = session.token();
    if (!document || !token || typeof WebSocket === 'undefined') {
      poll();
    } else {
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/staff/graphql`;
      socket = new WebSocket(url, 'graphql-transport-ws');
      const send = (message: object) => socket?.send(JSON.stringify(message));
      socket.onopen = () => send({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } });
      socket.onmessage = (event: MessageEvent<string>) => {
        const message = JSON.parse(event.data) as { type: string };
        if (message.type === 'connection_ack') send({ id: '1', type: 'subscribe', payload: { query: document } });
        else if (message.type === 'ping') send({ type: 'pong' });
        else if (message.type === 'next' && watching) latest.current(true);
        else if (message.type === 'next') {
          watching = true;
          setLive(true);
        } else if (message.type === 'error' || message.type === 'complete') poll();
      };
      socket.onclose = poll;
      socket.onerror = poll;
    }
    return () => {
      stopped = true;
      if (timer !== null) window.clearInterval(timer);
      if (socket) {
        socket.onclose = null;
        socket.close();
      }
    };
  }, [document]);
  return live;
}
