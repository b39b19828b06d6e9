import type { AuditLogFilter } from '../../generated/graphql';

export interface AuditForm {
  actor?: string;
  action?: string;
  subject?: string;
  applicationId?: string;
  since?: string;
  until?: string;
}

/** The filter the query takes: empty inputs dropped, the rest trimmed. */
export function auditFilter(form: AuditForm): AuditLogFilter {
  const filter: AuditLogFilter = {};
  for (const key of ['actor', 'action', 'subject', 'applicationId', 'since', 'until'] as const) {
    const value = form[key]?.trim();
    if (value) filter[key] = value;
  }
  return filter;
}
