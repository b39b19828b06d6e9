import { operation } from '../../api/documents';
import source from './queries.graphql?raw';

export const AUDIT_LOG = operation(source, 'AuditLog');
