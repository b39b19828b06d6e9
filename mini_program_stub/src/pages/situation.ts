import { SAVE_APPLICATION } from '../api/operations';
import type { SaveApplicationMutation, SaveApplicationMutationVariables } from '../generated/graphql';
import { pick } from '../i18n/settings';
import type { Guide } from '../logic/definition';
import { waitsForAnswers } from '../logic/eligibility';
import { evaluateRule, type RuleData } from '../logic/rules';
import { definePage, type PageEvent, type Query } from '../app/page';
import { services, settings } from '../app/services';
import { baseData, blank, loadFlow, run, stepsOf, type Step } from './common';

interface Question {
  id: string;
  question: string;
  options: { value: string; label: string; checked: boolean }[];
}

function questionsOf(guide: Guide, situation: Record<string, unknown>): Question[] {
  const s = settings();
  return guide.situations.map((q) => ({
    id: q.id,
    question: pick(q.question, s),
    options: q.options.map((o) => ({ value: o.value, label: pick(o.label, s), checked: situation[q.id] === o.value })),
  }));
}

/**
 * Instant hints: eligibility rules that already fail on these answers (the server decides), each
 * once; a rule on answers not given yet is pending and says nothing.
 */
function hintsOf(guide: Guide, rules: RuleData): string[] {
  const s = settings();
  const failing = guide.eligibility.filter((r) => !waitsForAnswers(r.rule, rules) && evaluateRule(r.rule, rules) === false);
  return [...new Set(failing.map((r) => pick(r.message, s)))];
}

/** The situation questionnaire (情形): its answers select materials, fees and time limits. */
export const situationPage = definePage({
  data: {
    ...blank(),
    id: '',
    title: '',
    steps: [] as Step[],
    guide: null as Guide | null,
    rules: { answers: {}, situation: {}, applicant: {} } as RuleData,
    questions: [] as Question[],
    hints: [] as string[],
  },
  onLoad(query: Query) {
    this.setData({ ...baseData(), id: query.id ?? '', steps: stepsOf('situation') });
    void run(this, async () => {
      const { guide, rules, title } = await loadFlow(this.data.id);
      if (guide.situations.length === 0) return services().redirect('check', { id: this.data.id });
      const situation = { ...rules.situation };
      for (const q of guide.situations) if (situation[q.id] === undefined && q.default) situation[q.id] = q.default;
      const withDefaults = { ...rules, situation };
      this.setData({ title, guide, rules: withDefaults, questions: questionsOf(guide, situation), hints: hintsOf(guide, withDefaults) });
    });
  },
  onChoose(e: PageEvent) {
    const { guide } = this.data;
    const { question = '', value = '' } = e.currentTarget.dataset;
    if (!guide) return;
    const rules = { ...this.data.rules, situation: { ...this.data.rules.situation, [question]: value } };
    this.setData({ rules, questions: questionsOf(guide, rules.situation), hints: hintsOf(guide, rules) });
  },
  onNext() {
    void run(this, async () => {
      const { rules, id } = this.data;
      const { saveApplication } = await services().client.request<SaveApplicationMutation, SaveApplicationMutationVariables>(
        SAVE_APPLICATION,
        { id, answers: rules.answers, situation: rules.situation },
      );
      if (saveApplication.__typename === 'ApplicationError') throw new Error(pick(saveApplication.message, settings()));
      services().navigate('check', { id });
    });
  },
});
