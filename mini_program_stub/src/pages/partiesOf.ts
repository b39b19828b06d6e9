import { APPLICATION_PARTIES } from '../api/operations';
import type { ApplicationPartiesQuery, ApplicationPartiesQueryVariables } from '../generated/graphql';
import { services } from '../app/services';

type Parties = NonNullable<ApplicationPartiesQuery['application']>['parties'];

/** The parties of an application: [] for a one-applicant matter. */
export async function partiesOf(id: string): Promise<Parties> {
  const { application } = await services().client.request<ApplicationPartiesQuery, ApplicationPartiesQueryVariables>(
    APPLICATION_PARTIES,
    { id },
  );
  return application?.parties ?? [];
}
