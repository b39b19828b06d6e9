export type DeadlineColour = 'none' | 'ok' | 'near' | 'over';

/** A task's deadline colour from its working days left: red when overdue, amber when due
 * within `nearDays` working days (today included), green otherwise. */
export function deadlineColour(daysLeft: number | null, nearDays = 2): DeadlineColour {
  if (daysLeft === null) return 'none';
  if (daysLeft < 0) return 'over';
  return daysLeft <= nearDays ? 'near' : 'ok';
}
