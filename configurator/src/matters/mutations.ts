import { operation } from '../api/documents';
import source from './mutations.graphql?raw';

export const CREATE_MATTER = operation(source, 'CreateMatter');
export const IMPORT_MATTER = operation(source, 'ImportMatter');
