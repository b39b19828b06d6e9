import demo from '../../form_schemas/demo/residents.json';
import { createClient } from './api/client';
import { subscribe } from './api/subscribe';
import { acting } from './app/acting';
import { configure, session, settings } from './app/services';
import { devCashier } from './platform/devCashier';
import { fetchTransport, fetchUploader } from './platform/fetchTransport';
import { browserSocket } from './platform/socket';
import { browserStorage } from './platform/storage';
import { webCryptoSha256 } from './platform/webCryptoSha256';
import { navigate, redirect, start } from './view/router';
import './style.css';

// The browser build: fetch, Web Crypto, WebSocket and localStorage; the development sign-in
// with the demo residents. A mini-program's app.js wires wx.* / my.* in the same places.
const endpoint = new URL('/graphql', location.href);
const socketUrl = `${endpoint.protocol === 'https:' ? 'wss:' : 'ws:'}//${endpoint.host}/graphql`;

configure({
  client: createClient({
    endpoint: endpoint.href,
    transport: fetchTransport,
    uploader: fetchUploader,
    sha256: webCryptoSha256,
    token: () => session.token(),
    // An acting token ended (the authorisation was revoked or ran out): back to oneself.
    onSignedOut: () => {
      if (acting.name() !== null && acting.stop()) return redirect('family');
      session.clear();
      redirect('signin');
    },
  }),
  subscribe: (query, variables, onNext, onEnd) =>
    subscribe({ url: socketUrl, openSocket: browserSocket, token: session.token(), query, variables, onNext, onEnd }),
  storage: browserStorage,
  navigate,
  redirect,
  region: '330106',
  demoResidents: demo.residents.map((r) => ({ id: r.id, name: r.name, note: r.note })),
  copy: (text) => navigator.clipboard.writeText(new URL(text, location.href).href),
  requestPayment: devCashier(new URL('/pay/dev-cashier', location.href).href, () => session.token(), settings),
});

start();
