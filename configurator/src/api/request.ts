import { session } from './session';

const STAFF_ENDPOINT = '/staff/graphql';
/** Dispatched on window when the server no longer knows the token. */
export const SIGNED_OUT = 'zerorun:signed-out';

interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}

/** A GraphQL error (top-level `errors`): denied, signed out, or a bug on either side. */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** POST one operation to the staff API with the signed-in token; top-level errors throw. */
export async function request<Result, Variables extends object = Record<string, never>>(
  query: string,
  variables?: Variables,
): Promise<Result> {
  const token = session.token();
  const response = await fetch(STAFF_ENDPOINT, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables: variables ?? {} }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: Result; errors?: GraphQLError[] };
  const error = body.errors?.[0];
  if (error || !body.data) {
    const code = error?.extensions?.code;
    if (code === 'UNAUTHENTICATED') {
      session.clear();
      window.dispatchEvent(new Event(SIGNED_OUT));
    }
    throw new RequestError(error?.message ?? `HTTP ${response.status}`, code);
  }
  return body.data;
}
