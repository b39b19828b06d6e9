import { operation } from '../../api/documents';
import source from './queries.graphql?raw';

export const CLERK_WINDOW_QUEUE = operation(source, 'ClerkWindowQueue');
export const CLERK_QUEUE_COUNTS = operation(source, 'ClerkQueueCounts');
export const CLERK_APPLICATION = operation(source, 'ClerkApplication');
