import { SUBMIT_APPLICATION } from '../api/operations';
import type { SubmitApplicationMutation, SubmitApplicationMutationVariables } from '../generated/graphql';
import { pick } from '../i18n/settings';
import { t } from '../i18n/t';
import { errorsByField, fieldsOf, withAnswer, type FieldError, type FieldView } from '../logic/formModel';
import type { RuleData } from '../logic/rules';
import { definePage, type PageEvent, type Query } from '../app/page';
import { services, settings } from '../app/services';
import { baseData, blank, loadFlow, run, type FlowData } from './common';
import { checklistOf, signCommitment, uploadMaterial, type ChecklistView } from './materials';

/** The one-time correction notice (一次性告知): change exactly the listed items, then resubmit. */
export const correctionPage = definePage({
  data: {
    ...blank(),
    id: '',
    title: '',
    /** The notice's items: /answers/<field> or /materials/<id>, with the reason given. */
    items: [] as { path: string; reason: string }[],
    schema: {} as unknown,
    ui: {} as unknown,
    rules: { answers: {}, situation: {}, applicant: {} } as RuleData,
    errors: [] as FieldError[],
    fields: [] as (FieldView & { reason: string })[],
    materials: [] as (ChecklistView & { reason: string })[],
    other: [] as string[],
    /** Materials provided again since the notice (the checklist cannot tell an old upload from a new one). */
    fixed: [] as string[],
  },
  onLoad(query: Query) {
    this.setData({ ...baseData(), id: query.id ?? '' });
    void run(this, async () => {
      const flow = await loadFlow(this.data.id);
      const items = flow.app.correction?.items ?? [];
      this.setData({ title: flow.title, items, schema: flow.guide.formSchema, ui: flow.guide.uiSchema, rules: flow.rules });
      this.show([], flow);
    });
  },
  /** The listed fields with their reasons and errors; the listed materials when `flow` is given. */
  show(errors: FieldError[], flow?: FlowData) {
    const s = settings();
    const { items, schema, ui, rules } = this.data;
    const reason = (path: string): string => items.find((i) => i.path === path)?.reason ?? '';
    const only = items.filter((i) => i.path.startsWith('/answers/')).map((i) => i.path.slice(9));
    const fields = fieldsOf({ schema, ui, data: rules, prefilled: {}, errors, settings: s, only });
    this.setData({
      errors,
      fields: fields.map((f) => ({ ...f, reason: reason(`/answers/${f.name}`) })),
      other: errorsByField(errors, s).other,
    });
    if (flow)
      this.setData({
        materials: checklistOf(flow)
          .filter((m) => reason(`/materials/${m.id}`))
          .map((m) => {
            const fixed = this.data.fixed.includes(m.id);
            return {
              ...m,
              reason: reason(`/materials/${m.id}`),
              done: fixed,
              status: fixed ? m.status : 'TO_UPLOAD',
              statusText: t(fixed ? 'providedAgain' : 'provideAgain', s),
              evidence: fixed ? m.evidence : '', // the old file is the one to replace
            };
          }),
      });
  },
  async reloadMaterials() {
    this.show(this.data.errors, await loadFlow(this.data.id));
  },
  onInput(e: PageEvent) {
    const name = e.currentTarget.dataset.name ?? '';
    const answers = withAnswer(this.data.rules.answers, this.data.schema, name, e.detail.value ?? '');
    this.setData({ rules: { ...this.data.rules, answers } });
    // Errors stay until the next check: removing one under the field being left would move the
    // button being tapped.
    this.show(this.data.errors);
  },
  onUpload(e: PageEvent) {
    void run(this, async () => {
      const material = e.currentTarget.dataset.id ?? '';
      await uploadMaterial(this.data.id, material, e.detail.file);
      this.setData({ fixed: [...this.data.fixed, material] });
      await this.reloadMaterials();
    });
  },
  onSign(e: PageEvent) {
    void run(this, async () => {
      const material = e.currentTarget.dataset.id ?? '';
      await signCommitment(this.data.id, material);
      this.setData({ fixed: [...this.data.fixed, material] });
      await this.reloadMaterials();
    });
  },
  onResubmit() {
    void run(this, async () => {
      const { id, rules } = this.data;
      const { submitApplication: result } = await services().client.request<
        SubmitApplicationMutation,
        SubmitApplicationMutationVariables
      >(SUBMIT_APPLICATION, { input: { applicationId: id, answers: rules.answers } });
      if (result.__typename === 'Application') return services().redirect('application', { id });
      this.show(result.errors);
      if (!result.errors.length) throw new Error(pick(result.message, settings()));
    });
  },
});
