import { Alert, Space } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MatterFieldsFragment } from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import type { Location } from './problemLocation';

export type Problem = MatterFieldsFragment['problems'][number];
export interface PlacedProblem extends Problem {
  location: Location;
  /** The path in the document the editor shows (see editedPointer). */
  editedPath: string;
  /** The problem as one sentence naming what it is about (see problemSentence). */
  sentence?: { zh: string; en: string };
}

interface Problems {
  problems: PlacedProblem[];
  /** The paths whose input shows its problems under it (see useProblemsAt). */
  claimed: ReadonlyMap<string, number>;
  claim: (path: string) => () => void;
}

const ProblemsContext = createContext<Problems>({ problems: [], claimed: new Map(), claim: () => () => undefined });

/** The problems of the editor; an input showing some under itself claims them, so that the
 * card it is on does not show them a second time. */
export function ProblemsProvider({ value, children }: { value: PlacedProblem[]; children: ReactNode }) {
  const [claimed, setClaimed] = useState<ReadonlyMap<string, number>>(new Map());
  const count = useCallback((path: string, by: number) => {
    setClaimed((old) => {
      const next = new Map(old);
      const n = (next.get(path) ?? 0) + by;
      if (n > 0) next.set(path, n);
      else next.delete(path);
      return next;
    });
  }, []);
  const claim = useCallback(
    (path: string) => {
      count(path, 1);
      return () => count(path, -1);
    },
    [count],
  );
  const problems = useMemo(() => ({ problems: value, claimed, claim }), [value, claimed, claim]);
  return <ProblemsContext.Provider value={problems}>{children}</ProblemsContext.Provider>;
}

export const useProblems = (): PlacedProblem[] => useContext(ProblemsContext).problems;

/** The linter's message, in Chinese where the server knows the wording. */
export const problemText = (problem: Problem, lang: 'zh' | 'en'): string =>
  lang === 'zh' && problem.messageZh ? problem.messageZh : problem.message;

const under = (path: string, problem: PlacedProblem) =>
  problem.editedPath === path || problem.editedPath.startsWith(`${path}/`);

/** The problems about one value of the document and what is inside it, for its input (which
 * shows them under itself: they are not repeated on its card). */
export function useProblemsAt(path: string | undefined): { status?: 'error' | 'warning'; help?: string } {
  const { lang } = useI18n();
  const { problems, claim } = useContext(ProblemsContext);
  useEffect(() => (path === undefined ? undefined : claim(path)), [path, claim]);
  const here = problems.filter((p) => path !== undefined && under(path, p));
  if (!here.length) return {};
  const messages = [...new Set(here.map((p) => problemText(p, lang)))];
  return { status: here.some((p) => p.severity === 'error') ? 'error' : 'warning', help: messages.join('；') };
}

const TYPES = { error: 'error', warning: 'warning', info: 'info' } as const;

/** The problems of one card that no input of it shows, next to what they are about. */
export function ProblemsAt({ anchor }: { anchor: string }) {
  const { lang } = useI18n();
  const { problems, claimed } = useContext(ProblemsContext);
  const all = problems.filter(
    (problem) => problem.location.anchor === anchor && ![...claimed.keys()].some((path) => under(path, problem)),
  );
  // Two messages that read the same show once.
  const here = all.filter(
    (problem, i) =>
      all.findIndex((other) => other.path === problem.path && sentenceOf(other, lang) === sentenceOf(problem, lang)) ===
      i,
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

const sentenceOf = (problem: Problem & Pick<PlacedProblem, 'sentence'>, lang: 'zh' | 'en'): string =>
  problem.sentence?.[lang] || problemText(problem, lang);

/** One problem in words; where it is in the document (its JSON pointer) is a detail for
 * developers, folded away. */
export function ProblemAlert({
  problem,
  action,
}: {
  problem: Problem & Pick<PlacedProblem, 'sentence'>;
  action?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const type = TYPES[problem.severity as keyof typeof TYPES] ?? 'info';
  const label = { error: t('severityError'), warning: t('severityWarning'), info: t('severityInfo') }[type];
  return (
    <Alert
      className="problem"
      type={type}
      showIcon
      message={`${label}：${sentenceOf(problem, lang)}`}
      description={
        problem.path ? (
          <details className="problem-pointer">
            <summary>{t('problemPointer')}</summary>
            <code>{problem.path}</code>
          </details>
        ) : undefined
      }
      action={action}
    />
  );
}
