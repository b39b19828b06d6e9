import { operation } from '../../api/documents';
import source from './queries.graphql?raw';

export const SUPERVISION_DASHBOARD = operation(source, 'SupervisionDashboard');
