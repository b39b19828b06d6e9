import type { Client } from '../api/client';
import { SIGN_OUT } from '../api/operations';
import type { SignOutMutation } from '../generated/graphql';

/** Sign out: the server ends the session first (its token is refused from then on, on every
 * server), then the phone forgets the token — also when the server cannot be reached. */
export async function signOut(client: Client, forget: () => void): Promise<void> {
  await client.request<SignOutMutation>(SIGN_OUT).catch(() => undefined);
  forget();
}
