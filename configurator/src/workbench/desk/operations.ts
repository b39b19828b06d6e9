import { operation } from '../../api/documents';
import citizen from '../../../citizen/desk.graphql?raw';
import staff from './desk.graphql?raw';

export const DESK_START_WALK_IN = operation(staff, 'DeskStartWalkIn');
export const DESK_CONFIRM_WALK_IN = operation(staff, 'DeskConfirmWalkIn');
export const DESK_HALL_BOOKINGS = operation(staff, 'DeskHallBookings');

// sent to the citizen endpoint (citizenRequest)
export const DESK_MATTERS = operation(citizen, 'DeskMatters');
export const DESK_WALK_IN_APPLICATION = operation(citizen, 'DeskWalkInApplication');
export const DESK_SAVE_APPLICATION = operation(citizen, 'DeskSaveApplication');
export const DESK_UPLOAD_MATERIAL = operation(citizen, 'DeskUploadMaterial');
export const DESK_SIGN_COMMITMENT = operation(citizen, 'DeskSignCommitment');
export const DESK_SUBMIT_APPLICATION = operation(citizen, 'DeskSubmitApplication');
