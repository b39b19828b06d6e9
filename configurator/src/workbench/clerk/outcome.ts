interface Text {
  zh: string;
  en: string;
}

/** What a window action's result means for the screen. */
export type Outcome =
  | { kind: 'done' }
  | { kind: 'conflict' }
  | { kind: 'refused'; message: Text; errors: { path: string; message: Text }[] };

type Result =
  | { __typename: 'StaffApplication' }
  | { __typename: 'BackofficeError'; code: string; message: Text; errors: { path: string; message: Text }[] };

/** A mutation's StaffApplicationResult read: done, taken by someone else (CONFLICT), or refused
 * with its message and each input at fault. */
export function outcome(result: Result): Outcome {
  if (result.__typename === 'StaffApplication') return { kind: 'done' };
  if (result.code === 'CONFLICT') return { kind: 'conflict' };
  return { kind: 'refused', message: result.message, errors: result.errors };
}
