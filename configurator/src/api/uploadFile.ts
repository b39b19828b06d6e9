import { RequestError } from './request';
import { session } from './session';

/** Send one operation with a file as a GraphQL multipart request (its variable `file`) to the
 * staff API; top-level errors throw, as request() does. */
export async function uploadFile<Result>(
  query: string,
  variables: Record<string, unknown>,
  file: File,
): Promise<Result> {
  const body = new FormData();
  body.append('operations', JSON.stringify({ query, variables: { ...variables, file: null } }));
  body.append('map', JSON.stringify({ 0: ['variables.file'] }));
  body.append('0', file, file.name);
  const token = session.token();
  const response = await fetch('/staff/graphql', {
    method: 'POST',
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    body,
  });
  const answer = (await response.json().catch(() => ({}))) as {
    data?: Result;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  const error = answer.errors?.[0];
  if (error || !answer.data)
    throw new RequestError(error?.message ?? `HTTP ${response.status}`, error?.extensions?.code);
  return answer.data;
}
