import { useProblemsAt } from '../problems/ProblemsContext';

/** The problems about a value and what is inside it, as a form item shows them. */
export function useItemProblems(path: string): { validateStatus?: 'error' | 'warning'; help?: string } {
  const { status, help } = useProblemsAt(path);
  return status ? { validateStatus: status, help } : {};
}
