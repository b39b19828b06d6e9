import { ApiError } from '../api/client';
import { APPLICATION_PARTIES } from '../api/operations';
import type { ApplicationPartiesQuery, ApplicationPartiesQueryVariables } from '../generated/graphql';
import { services } from '../app/services';

type Parties = NonNullable<ApplicationPartiesQuery['application']>['parties'];

/**
 * The parties of an application ([] for a one-applicant matter). A server without parties yet
 * (an older deployment: "Cannot query field") answers as a one-applicant server would.
 */
export async function partiesOf(id: string): Promise<Parties> {
  try {
    const { application } = await services().client.request<ApplicationPartiesQuery, ApplicationPartiesQueryVariables>(
      APPLICATION_PARTIES,
      { id },
    );
    return application?.parties ?? [];
  } catch (error) {
    if (error instanceof ApiError && error.message.includes('Cannot query field')) return [];
    throw error;
  }
}
