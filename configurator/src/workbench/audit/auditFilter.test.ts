import { describe, expect, it } from 'vitest';
import { auditFilter } from './auditFilter';

describe('auditFilter', () => {
  it('drops empty inputs and trims the others', () => {
    expect(auditFilter({ actor: ' staff:clerk ', action: '', subject: '   ' })).toEqual({ actor: 'staff:clerk' });
  });

  it('keeps the period as given', () => {
    expect(auditFilter({ since: '2026-12-01T00:00:00+08:00', until: '2026-12-02T00:00:00+08:00' })).toEqual({
      since: '2026-12-01T00:00:00+08:00',
      until: '2026-12-02T00:00:00+08:00',
    });
  });
});
