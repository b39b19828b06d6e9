import { SUBMIT_APPLICATION } from '../api/operations';
import type { SubmitApplicationMutation, SubmitApplicationMutationVariables } from '../generated/graphql';
import { pick } from '../i18n/settings';
import { codeText, t } from '../i18n/t';
import { fieldsOf, pointerField, type FieldError } from '../logic/formModel';
import { flash } from '../app/flash';
import { definePage, type PageEvent, type Query } from '../app/page';
import { services, settings } from '../app/services';
import { baseData, blank, loadFlow, run, runBadge, stepsOf, type Step } from './common';
import { checklistOf } from './materials';
import { partiesOf } from './partiesOf';

/** The last look before submitting: trips, what is still missing, how the result comes; then submit. */
export const submitPage = definePage({
  data: {
    ...blank(),
    id: '',
    title: '',
    steps: [] as Step[],
    badge: { text: '', tone: 'one' as 'zero' | 'one' | 'more' },
    trips: [] as string[],
    outstanding: [] as { name: string; statusText: string }[],
    delivery: [] as { value: string; label: string; checked: boolean }[],
    problems: [] as { label: string; message: string }[],
    formProblems: false,
    titles: {} as Record<string, string>,
    /** Several parties apply together: submitting confirms my part, with its confirm text. */
    multiParty: false,
    confirmText: '',
  },
  onLoad(query: Query) {
    this.setData({ ...baseData(), id: query.id ?? '', steps: stepsOf('submit'), problems: [] });
    void run(this, async () => {
      const s = settings();
      const [flow, parties] = await Promise.all([loadFlow(this.data.id), partiesOf(this.data.id)]);
      const evaluation = flow.app.evaluation;
      const chosen = flow.app.deliveryMode ?? flow.guide.delivery[0];
      const titles: Record<string, string> = {};
      for (const field of fieldsOf({ schema: flow.guide.formSchema, ui: flow.guide.uiSchema, data: flow.rules, prefilled: {}, errors: [], settings: s }))
        titles[`/answers/${field.name}`] = field.label;
      for (const m of flow.guide.materials) titles[`/materials/${m.id}`] = pick(m.name, s);
      this.setData({
        title: flow.title,
        badge: runBadge(evaluation?.runCount ?? 0),
        trips: (evaluation?.trips ?? []).map((trip) => pick(trip.reason, s)),
        outstanding: checklistOf(flow)
          .filter((item) => !item.done)
          .map((item) => ({ name: item.name, statusText: item.statusText })),
        delivery: flow.guide.delivery.map((d) => ({ value: d, label: codeText(d, s), checked: d === chosen })),
        titles,
        multiParty: parties.length > 0,
        confirmText: pick(parties.find((p) => p.isMe)?.confirmText, s),
      });
    });
  },
  onChooseDelivery(e: PageEvent) {
    const value = e.currentTarget.dataset.value;
    this.setData({ delivery: this.data.delivery.map((d) => ({ ...d, checked: d.value === value })) });
  },
  onSubmit() {
    void run(this, async () => {
      const { id } = this.data;
      const deliveryMode = this.data.delivery.find((d) => d.checked)?.value ?? null;
      const { submitApplication: result } = await services().client.request<
        SubmitApplicationMutation,
        SubmitApplicationMutationVariables
      >(SUBMIT_APPLICATION, { input: { applicationId: id, deliveryMode } });
      const { multiParty } = this.data;
      if (result.__typename === 'Application')
        return services().redirect(multiParty && result.status === 'DRAFT' ? 'parties' : 'application', { id });
      // My part is confirmed; the others' confirmations are still to come.
      if (multiParty && result.code === 'PARTIES_PENDING') return services().redirect('parties', { id });
      this.show(result.errors);
      if (result.errors.length === 0) throw new Error(pick(result.message, settings()));
    });
  },
  show(errors: FieldError[]) {
    const s = settings();
    flash.keep(this.data.id, errors);
    this.setData({
      problems: errors.map((e) => ({ label: this.data.titles[e.path] ?? e.path.split('/').pop() ?? '', message: pick(e.message, s) })),
      formProblems: errors.some((e) => pointerField(e.path) !== null),
    });
    if (errors.length) this.setData({ error: t('fixBelow', s, { n: errors.length }) });
  },
  onParties() {
    services().navigate('parties', { id: this.data.id });
  },
  onFix() {
    services().navigate('form', { id: this.data.id });
  },
});
