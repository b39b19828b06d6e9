import { operation } from '../../api/documents';
import source from './synonyms.graphql?raw';

export const SYNONYMS_LIST = operation(source, 'SynonymsList');
export const SYNONYMS_SET = operation(source, 'SynonymsSet');
export const SYNONYMS_REMOVE = operation(source, 'SynonymsRemove');
