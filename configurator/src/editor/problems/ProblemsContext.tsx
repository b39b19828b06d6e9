import { Alert, Space } from 'antd';
import { createContext, useContext } from 'react';
import type { MatterFieldsFragment } from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import type { Location } from './problemLocation';

export type Problem = MatterFieldsFragment['problems'][number];
export interface PlacedProblem extends Problem {
  location: Location;
  /** The path in the document the editor shows (see editedPointer). */
  editedPath: string;
}

const ProblemsContext = createContext<PlacedProblem[]>([]);
export const ProblemsProvider = ProblemsContext.Provider;
export const useProblems = (): PlacedProblem[] => useContext(ProblemsContext);

/** The linter's message, in Chinese where the server knows the wording. */
export const problemText = (problem: Problem, lang: 'zh' | 'en'): string =>
  lang === 'zh' && problem.messageZh ? problem.messageZh : problem.message;

/** The problems about one value of the document and what is inside it, for its input. */
export function useProblemsAt(path: string | undefined): { status?: 'error' | 'warning'; help?: string } {
  const { lang } = useI18n();
  const here = useProblems().filter(
    (p) => path !== undefined && (p.editedPath === path || p.editedPath.startsWith(`${path}/`)),
  );
  if (!here.length) return {};
  const messages = [...new Set(here.map((p) => problemText(p, lang)))];
  return { status: here.some((p) => p.severity === 'error') ? 'error' : 'warning', help: messages.join('；') };
}

const TYPES = { error: 'error', warning: 'warning', info: 'info' } as const;

/** The problems of one card, shown next to what they are about. */
export function ProblemsAt({ anchor }: { anchor: string }) {
  const { lang } = useI18n();
  const all = useProblems().filter((problem) => problem.location.anchor === anchor);
  // Two messages that read the same in Chinese show once.
  const here = all.filter(
    (problem, i) =>
      all.findIndex(
        (other) => other.path === problem.path && problemText(other, lang) === problemText(problem, lang),
      ) === i,
  );
  if (!here.length) return null;
  return (
    <Space direction="vertical" className="problems-at" data-anchor={anchor}>
      {here.map((problem, i) => (
        <ProblemAlert key={i} problem={problem} />
      ))}
    </Space>
  );
}

export function ProblemAlert({ problem, action }: { problem: Problem; action?: React.ReactNode }) {
  const { t, lang } = useI18n();
  const type = TYPES[problem.severity as keyof typeof TYPES] ?? 'info';
  const label = { error: t('severityError'), warning: t('severityWarning'), info: t('severityInfo') }[type];
  return (
    <Alert
      className="problem"
      type={type}
      showIcon
      message={`${label}：${problemText(problem, lang)}`}
      description={problem.path ? <code>{problem.path}</code> : undefined}
      action={action}
    />
  );
}
