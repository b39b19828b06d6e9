import { operation } from '../../api/documents';
import source from './queries.graphql?raw';

export const ADMIN_STAFF_ACCOUNTS = operation(source, 'AdminStaffAccounts');
export const ADMIN_FOLLOW_UPS = operation(source, 'AdminFollowUps');
export const ADMIN_STAFF_HALLS = operation(source, 'AdminStaffHalls');
