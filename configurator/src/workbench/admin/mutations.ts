import { operation } from '../../api/documents';
import source from './mutations.graphql?raw';

export const ADMIN_CREATE_STAFF_MEMBER = operation(source, 'AdminCreateStaffMember');
export const ADMIN_DEACTIVATE = operation(source, 'AdminDeactivate');
export const ADMIN_REACTIVATE = operation(source, 'AdminReactivate');
export const ADMIN_UNLOCK = operation(source, 'AdminUnlock');
export const ADMIN_RESET_PASSWORD = operation(source, 'AdminResetPassword');
export const ADMIN_UPDATE_STAFF_MEMBER = operation(source, 'AdminUpdateStaffMember');
export const ADMIN_END_SESSIONS = operation(source, 'AdminEndSessions');
export const ADMIN_RECORD_CALLBACK = operation(source, 'AdminRecordCallback');
export const ADMIN_RECORD_RECTIFICATION = operation(source, 'AdminRecordRectification');
