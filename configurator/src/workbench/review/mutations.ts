import { operation } from '../../api/documents';
import source from './mutations.graphql?raw';

export const REVIEW_DECIDE = operation(source, 'ReviewDecide');
export const REVIEW_UPLOAD_RESULT = operation(source, 'ReviewUploadResult');
