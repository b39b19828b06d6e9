import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../generated/graphql';
import { allowed } from './menus';

describe('allowed', () => {
  it('opens 回访整改 to county administrators, who act, and supervisors, who read', () => {
    const followUps = { page: 'followUps' } as const;
    expect(allowed('COUNTY_ADMIN' as StaffRole, followUps)).toBe(true);
    expect(allowed('SUPERVISOR' as StaffRole, followUps)).toBe(true);
    expect(allowed('WINDOW_CLERK' as StaffRole, followUps)).toBe(false);
    expect(allowed('REVIEWER' as StaffRole, followUps)).toBe(false);
  });
});
