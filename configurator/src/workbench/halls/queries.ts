import { operation } from '../../api/documents';
import source from './queries.graphql?raw';

export const HALLS_MANAGED = operation(source, 'HallsManaged');
export const HALLS_DAYS = operation(source, 'HallsDays');
