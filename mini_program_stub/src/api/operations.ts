/** Every GraphQL document the mini-program sends, from the .graphql files beside this one; types are
 * generated from them and ../schema.graphql. */

import { operation } from './documents';
import mutations from './mutations.graphql?raw';
import queries from './queries.graphql?raw';
import subscriptions from './subscriptions.graphql?raw';
import family from './family.graphql?raw';
import parties from './parties.graphql?raw';

export const SIGN_IN = operation(mutations, 'SignIn');
export const SIGN_OUT = operation(mutations, 'SignOut');
export const HOME = operation(queries, 'Home');
export const SEARCH = operation(queries, 'Search');
export const MATTER_GUIDE = operation(queries, 'MatterGuide');
export const LIFE_EVENT_GUIDE = operation(queries, 'LifeEventGuide');
export const EVALUATE = operation(queries, 'Evaluate');
export const START_APPLICATION = operation(mutations, 'StartApplication');
export const START_LIFE_EVENT = operation(mutations, 'StartLifeEvent');
export const APPLICATION_FLOW = operation(queries, 'ApplicationFlow');
export const SAVE_APPLICATION = operation(mutations, 'SaveApplication');
export const GRANT_CONSENT = operation(mutations, 'GrantConsent');
export const REFRESH_SHARED_DATA = operation(mutations, 'RefreshSharedData');
export const SIGN_COMMITMENT = operation(mutations, 'SignCommitment');
export const UPLOAD_MATERIAL = operation(mutations, 'UploadMaterial');
export const SUBMIT_APPLICATION = operation(mutations, 'SubmitApplication');
export const MY_APPLICATIONS = operation(queries, 'MyApplications');
export const APPLICATION_DETAIL = operation(queries, 'ApplicationDetail');
export const APPLICATION_EVENTS = operation(subscriptions, 'ApplicationEvents');
export const SLOTS = operation(queries, 'Slots');
export const BOOK = operation(mutations, 'Book');
export const RESCHEDULE = operation(mutations, 'Reschedule');
export const RATING_TAGS = operation(queries, 'RatingTags');
export const RATE = operation(mutations, 'Rate');
export const APPLICATION_PARTIES = operation(parties, 'ApplicationParties');
export const PARTY_FIELDS = operation(parties, 'PartyFields');
export const INVITE_PARTY = operation(parties, 'InviteParty');
export const JOIN_APPLICATION = operation(parties, 'JoinApplication');
export const CONFIRM_PARTY = operation(parties, 'ConfirmParty');
export const DECLINE_PARTY = operation(parties, 'DeclineParty');
export const WALLET = operation(parties, 'Wallet');
export const FAMILY = operation(family, 'Family');
export const ACTIONS_IN_MY_NAME = operation(family, 'ActionsInMyName');
export const GRANT_AUTHORISATION = operation(family, 'GrantAuthorisation');
export const REVOKE_AUTHORISATION = operation(family, 'RevokeAuthorisation');
export const ACT_FOR = operation(family, 'ActFor');
