import { describe, expect, it } from 'vitest';
import { outcome } from './outcome';

const text = { zh: '理由', en: 'Reason' };

describe('outcome', () => {
  it('reads an application back as done', () => {
    expect(outcome({ __typename: 'StaffApplication' })).toEqual({ kind: 'done' });
  });

  it('tells a conflict apart from other refusals', () => {
    const conflict = { __typename: 'BackofficeError' as const, code: 'CONFLICT', message: text, errors: [] };
    expect(outcome(conflict)).toEqual({ kind: 'conflict' });
  });

  it('keeps the message and each input at fault of a refusal', () => {
    const errors = [{ path: '/legalBasis', message: text }];
    const refused = { __typename: 'BackofficeError' as const, code: 'INVALID_INPUT', message: text, errors };
    expect(outcome(refused)).toEqual({ kind: 'refused', message: text, errors });
  });
});
