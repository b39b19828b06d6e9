import { PARTY_FIELDS, SAVE_APPLICATION } from '../api/operations';
import type {
  PartyFieldsQuery,
  PartyFieldsQueryVariables,
  SaveApplicationMutation,
  SaveApplicationMutationVariables,
} from '../generated/graphql';
import { pick } from '../i18n/settings';
import { t } from '../i18n/t';
import { elementName } from '../logic/elementNames';
import { fieldsRead, pendingOnForm } from '../logic/eligibility';
import { errorsByField, fieldsOf, withAnswer, type FieldError, type FieldView } from '../logic/formModel';
import { othersFields } from '../logic/othersFields';
import type { RuleData } from '../logic/rules';
import { flash } from '../app/flash';
import { definePage, type PageEvent, type Query } from '../app/page';
import { services, settings } from '../app/services';
import { baseData, blank, loadFlow, run, stepsOf, type Step } from './common';
import { partiesOf } from './partiesOf';

type Outcome = { id: string; passed: boolean; effect: string; message: { zh: string; en: string } };

const JUDGE_AFTER_MS = 600;
/** Each open form's pending save after typing (not page data: it cannot be serialised). */
const timers = new WeakMap<object, ReturnType<typeof setTimeout>>();

/** The fields the other applicant parties fill in (none for a one-applicant matter). */
async function notMine(id: string): Promise<Set<string>> {
  const parties = await partiesOf(id);
  if (!parties.length) return new Set();
  const { application: app } = await services().client.request<PartyFieldsQuery, PartyFieldsQueryVariables>(PARTY_FIELDS, { id });
  const guides = app?.matter?.guide ? [app.matter.guide] : (app?.lifeEvent?.matters ?? []).flatMap((m) => (m.guide ? [m.guide] : []));
  return othersFields(guides.flatMap((g) => g.parties), app?.myParty ?? null);
}

/** The form rendered from the matter's JSON Schema and UI schema; errors under their fields. */
export const formPage = definePage({
  data: {
    ...blank(),
    id: '',
    title: '',
    steps: [] as Step[],
    schema: {} as unknown,
    ui: {} as unknown,
    rules: { answers: {}, situation: {}, applicant: {} } as RuleData,
    prefilled: {} as Record<string, string>,
    errors: [] as FieldError[],
    fields: [] as FieldView[],
    other: [] as string[],
    banner: '',
    saved: false,
    /** Fields another party of the application fills in: not part of my form. */
    hidden: [] as string[],
    /** Fields an eligibility rule reads: the server judges the rule again once one is answered. */
    judged: [] as string[],
    /** The server's verdict on the answers saved: rules that fail now (in red), rules pending. */
    failing: [] as string[],
    pending: [] as string[],
  },
  onLoad(query: Query) {
    this.setData({ ...baseData(), id: query.id ?? '', steps: stepsOf('form') });
    void run(this, async () => {
      const s = settings();
      const [{ app, guide, rules, title }, hidden] = await Promise.all([loadFlow(this.data.id), notMine(this.data.id)]);
      const sources = new Map(app.dataSharing.map((d) => [d.sourceId, pick(d.name, s)]));
      const prefilled: Record<string, string> = {};
      for (const p of app.prefilled) prefilled[p.field] = t('readOnly', s, { source: sources.get(p.sourceId) ?? elementName(p.sourceId, s) });
      for (const field of app.identityFields) prefilled[field] = t('verifiedIdentity', s);
      this.setData({ title, schema: guide.formSchema, ui: guide.uiSchema, rules, prefilled, hidden: [...hidden], judged: fieldsRead(guide.eligibility) });
      this.judge(app.evaluation?.eligibility ?? [], app.eligibilityPending);
      this.show(flash.take(this.data.id));
    });
  },
  onUnload() {
    const pending = timers.get(this);
    if (pending) clearTimeout(pending);
    timers.delete(this);
  },
  show(errors: FieldError[]) {
    const s = settings();
    const { schema, ui, rules, prefilled } = this.data;
    this.setData({
      errors,
      fields: fieldsOf({ schema, ui, data: rules, prefilled, errors, settings: s }).filter((f) => !this.data.hidden.includes(f.name)),
      other: errorsByField(errors, s).other,
      banner: errors.length ? t('fixBelow', s, { n: errors.length }) : '',
    });
  },
  onInput(e: PageEvent) {
    const name = e.currentTarget.dataset.name ?? '';
    const answers = withAnswer(this.data.rules.answers, this.data.schema, name, e.detail.value ?? '');
    this.setData({ rules: { ...this.data.rules, answers }, saved: false });
    // Errors stay until the next check: removing one under the field being left would move the
    // button being tapped.
    this.show(this.data.errors);
    if (this.data.judged.includes(name)) this.judgeSoon();
  },
  /** An answer a rule reads changed: saved (and so judged by the server) once typing pauses. */
  judgeSoon() {
    const pending = timers.get(this);
    if (pending) clearTimeout(pending);
    timers.set(
      this,
      setTimeout(() => void this.save().catch(() => undefined), JUDGE_AFTER_MS),
    );
  },
  /** The server's outcome of each rule: failed ones stand now; pending ones wait for answers. */
  judge(outcomes: Outcome[], pendingIds: string[]) {
    const s = settings();
    const { now, later } = pendingOnForm(outcomes, pendingIds);
    this.setData({
      failing: now.filter((o) => o.effect === 'block').map((o) => pick(o.message, s)),
      pending: later.map((o) => pick(o.message, s)),
    });
  },
  async save(): Promise<boolean> {
    const { id, rules } = this.data;
    const { saveApplication } = await services().client.request<SaveApplicationMutation, SaveApplicationMutationVariables>(
      SAVE_APPLICATION,
      { id, answers: rules.answers, situation: rules.situation },
    );
    const problems = saveApplication.__typename === 'SavedApplication' ? saveApplication.problems : saveApplication.errors;
    if (saveApplication.__typename === 'SavedApplication') {
      const { application } = saveApplication;
      this.judge(application.evaluation?.eligibility ?? [], application.eligibilityPending);
    }
    this.show(problems);
    this.setData({ saved: problems.length === 0 });
    // a rule that fails on these answers stops here, before any upload
    return problems.length === 0 && this.data.failing.length === 0;
  },
  onSave() {
    void run(this, async () => {
      await this.save();
    });
  },
  onNext() {
    void run(this, async () => {
      if (await this.save()) services().navigate('materials', { id: this.data.id });
    });
  },
});
