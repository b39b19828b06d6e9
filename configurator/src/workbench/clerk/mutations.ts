import { operation } from '../../api/documents';
import source from './mutations.graphql?raw';

export const CLERK_ACCEPT = operation(source, 'ClerkAccept');
export const CLERK_REJECT = operation(source, 'ClerkReject');
export const CLERK_REQUEST_CORRECTION = operation(source, 'ClerkRequestCorrection');
export const CLERK_RECORD_DISPATCH = operation(source, 'ClerkRecordDispatch');
export const CLERK_RECORD_DEFERRED_MATERIAL = operation(source, 'ClerkRecordDeferredMaterial');
export const CLERK_RECORD_HANDOVER = operation(source, 'ClerkRecordHandover');
export const CLERK_RECORD_WINDOW_PAYMENT = operation(source, 'ClerkRecordWindowPayment');
