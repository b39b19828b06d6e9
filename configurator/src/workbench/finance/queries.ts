import { operation } from '../../api/documents';
import source from './queries.graphql?raw';

export const FINANCE_RECONCILIATION = operation(source, 'FinanceReconciliation');
