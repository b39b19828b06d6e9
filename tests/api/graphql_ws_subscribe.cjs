// Subscribes with graphql-ws's own client (the one Apollo, urql, Relay and GraphiQL use) and
// prints each message as a line of JSON: {"connected": true}, then every `next` payload, then
// {"closed": code} if the server or the client closes. Exits 0 after the first payload whose
// `data` names the kind given, 1 on an error or a close before it.
// Usage: node graphql_ws_subscribe.cjs URL TOKEN QUERY VARIABLES_JSON KIND
// (run with NODE_PATH=mini_program_stub/node_modules, where npm ci installs graphql-ws and ws)
const { createClient } = require("graphql-ws");
const WebSocket = require("ws");

const [url, token, query, variables, kind] = process.argv.slice(2);
const print = (value) => console.log(JSON.stringify(value));

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: { Authorization: `Bearer ${token}` },
  lazy: false,
  retryAttempts: 0,
  on: {
    connected: () => print({ connected: true }),
    closed: (event) => print({ closed: event.code, reason: event.reason }),
  },
});

client.subscribe(
  { query, variables: JSON.parse(variables) },
  {
    next: (payload) => {
      print(payload);
      if (JSON.stringify(payload.data ?? {}).includes(`"${kind}"`)) {
        client.dispose().then(() => process.exit(0));
      }
    },
    error: (error) => {
      print({ error: String(error?.message ?? error?.code ?? error) });
      process.exit(1);
    },
    complete: () => process.exit(1),
  },
);
