import { operation } from '../../api/documents';
import source from './mutations.graphql?raw';

export const REVIEW_DECIDE = operation(source, 'ReviewDecide');
export const REVIEW_UPLOAD_RESULT = operation(source, 'ReviewUploadResult');
export const REVIEW_RECORD_CHECK = operation(source, 'ReviewRecordCheck');
export const REVIEW_SUSPEND_TASK = operation(source, 'ReviewSuspendTask');
export const REVIEW_RESUME_TASK = operation(source, 'ReviewResumeTask');
