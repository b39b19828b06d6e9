import { CONFIRM_PARTY } from '../api/operations';
import type { ConfirmPartyMutation, ConfirmPartyMutationVariables } from '../generated/graphql';
import { pick } from '../i18n/settings';
import { flash } from '../app/flash';
import { services, settings } from '../app/services';

/**
 * Confirm my part of a multi-party application (the last confirmation submits it). Problems with
 * the form go to the form page as a submit's do; any other refusal is thrown in words.
 */
export async function confirmOwnPart(id: string): Promise<string> {
  const { confirmParty: result } = await services().client.request<ConfirmPartyMutation, ConfirmPartyMutationVariables>(
    CONFIRM_PARTY,
    { id },
  );
  if (result.__typename === 'Application') return result.status;
  const fields = result.errors.filter((e) => e.path.startsWith('/answers/'));
  if (fields.length) {
    flash.keep(id, fields);
    services().navigate('form', { id });
  }
  throw new Error(pick(result.message, settings()));
}
