import { operation } from '../../api/documents';
import source from './subscriptions.graphql?raw';

/** The staff subscription the queue listens to (graphql-transport-ws on /staff/graphql). */
export const QUEUE_CHANGED: string | null = operation(source, 'ClerkQueueChanged');
