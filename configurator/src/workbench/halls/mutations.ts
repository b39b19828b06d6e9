import { operation } from '../../api/documents';
import source from './mutations.graphql?raw';

export const HALLS_SAVE = operation(source, 'HallsSave');
export const HALLS_SAVE_WINDOW = operation(source, 'HallsSaveWindow');
export const HALLS_ADD_CLOSURE = operation(source, 'HallsAddClosure');
export const HALLS_REMOVE_CLOSURE = operation(source, 'HallsRemoveClosure');
export const HALLS_PUBLISH = operation(source, 'HallsPublish');
