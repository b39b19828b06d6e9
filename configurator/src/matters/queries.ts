import { operation } from '../api/documents';
import source from './queries.graphql?raw';

export const AUTHORED_MATTERS = operation(source, 'AuthoredMatters');
export const TEMPLATES = operation(source, 'Templates');
