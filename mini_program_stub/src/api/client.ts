import type { HttpResponse, PickedFile, Transport, Uploader } from '../platform/transport';

interface GraphQLError {
  message: string;
  path?: unknown[];
  extensions?: { code?: string };
}

interface Body {
  data?: unknown;
  errors?: GraphQLError[];
}

/** A top-level GraphQL error: signed out, denied, or a bug on either side. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export interface ClientOptions {
  /** The citizen endpoint, e.g. https://host/graphql. */
  endpoint: string;
  transport: Transport;
  uploader: Uploader;
  /** Hex SHA-256 of a text: Web Crypto in the browser, injected in a mini-program. */
  sha256(text: string): Promise<string>;
  token(): string | null;
  /** Called when the server no longer knows the token. */
  onSignedOut(): void;
}

export interface Client {
  request<R, V extends object = Record<string, never>>(query: string, variables?: V): Promise<R>;
  /** A GraphQL multipart request: `fileVariable` of `variables` carries the file. */
  upload<R, V extends object>(
    query: string,
    variables: V,
    fileVariable: keyof V & string,
    file: PickedFile,
  ): Promise<R>;
}

function asBody(response: HttpResponse): Body | null {
  const body = response.body;
  return typeof body === 'object' && body !== null ? (body as Body) : null;
}

/** Nothing ran: the server refused the request as a whole (unknown hash, no APQ support, …). */
function notExecuted(body: Body | null): boolean {
  return !body || (!body.data && (body.errors ?? []).every((e) => !e.path));
}

/** The GraphQL client: Apollo's automatic persisted queries over any platform's transport. */
export function createClient(options: ClientOptions): Client {
  const headers = (): Record<string, string> => {
    const token = options.token();
    return token ? { Authorization: `Bearer ${token}` } : {};
  };
  const post = async (payload: object): Promise<Body | null> =>
    asBody(
      await options.transport({
        url: options.endpoint,
        headers: { 'Content-Type': 'application/json', ...headers() },
        body: JSON.stringify(payload),
      }),
    );
  const result = <R>(body: Body | null): R => {
    const error = body?.errors?.[0];
    if (error || !body?.data) {
      const code = error?.extensions?.code;
      if (code === 'UNAUTHENTICATED') options.onSignedOut();
      throw new ApiError(error?.message ?? 'The server did not answer', code);
    }
    return body.data as R;
  };
  return {
    async request<R, V extends object>(query: string, variables?: V): Promise<R> {
      const extensions = { persistedQuery: { version: 1, sha256Hash: await options.sha256(query) } };
      const vars = variables ?? {};
      let body = await post({ variables: vars, extensions });
      // PERSISTED_QUERY_NOT_FOUND, or a server without APQ: send the text once with its hash.
      if (notExecuted(body)) body = await post({ query, variables: vars, extensions });
      return result<R>(body);
    },
    async upload<R, V extends object>(
      query: string,
      variables: V,
      fileVariable: keyof V & string,
      file: PickedFile,
    ): Promise<R> {
      const response = await options.uploader({
        url: options.endpoint,
        headers: headers(),
        fields: {
          operations: JSON.stringify({ query, variables: { ...variables, [fileVariable]: null } }),
          map: JSON.stringify({ '0': [`variables.${fileVariable}`] }),
        },
        fileField: '0',
        file,
      });
      return result<R>(asBody(response));
    },
  };
}
