import { operation } from '../../api/documents';
import source from './queries.graphql?raw';

export const REVIEW_QUEUE = operation(source, 'ReviewQueue');
export const REVIEW_TASK = operation(source, 'ReviewTask');
export const REVIEW_APPLICATION = operation(source, 'ReviewApplication');
export const REVIEW_AUTOMATIC_CHECKS = operation(source, 'ReviewAutomaticChecks');
