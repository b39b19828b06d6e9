import { operation } from '../api/documents';
import source from './queries.graphql?raw';

export const ME = operation(source, 'Me');
