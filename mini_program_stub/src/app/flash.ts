import type { FieldError } from '../logic/formModel';

const pending = new Map<string, FieldError[]>();

/** Errors one page hands to the next (submit → form), once. */
export const flash = {
  keep(applicationId: string, errors: FieldError[]): void {
    pending.set(applicationId, errors);
  },
  take(applicationId: string): FieldError[] {
    const errors = pending.get(applicationId) ?? [];
    pending.delete(applicationId);
    return errors;
  },
};
