import { RequestError } from '../../api/request';

const CITIZEN_ENDPOINT = '/graphql';

async function read<Result>(response: Response): Promise<Result> {
  const body = (await response.json().catch(() => ({}))) as {
    data?: Result;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  const error = body.errors?.[0];
  if (error || !body.data) throw new RequestError(error?.message ?? `HTTP ${response.status}`, error?.extensions?.code);
  return body.data;
}

/** POST one operation to the citizen endpoint, as the walk-in (their token from startWalkIn) or
 * anonymously; top-level errors throw. */
export async function citizenRequest<Result, Variables extends object>(
  query: string,
  variables: Variables,
  token?: string,
): Promise<Result> {
  const response = await fetch(CITIZEN_ENDPOINT, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return read<Result>(response);
}

/** A GraphQL multipart request: the operation with `file` as its `$file` (FormData sets the
 * boundary itself). */
export async function citizenUpload<Result>(
  query: string,
  variables: Record<string, unknown>,
  file: File,
  token: string,
): Promise<Result> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query, variables: { ...variables, file: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', file, file.name);
  const response = await fetch(CITIZEN_ENDPOINT, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
  });
  return read<Result>(response);
}
