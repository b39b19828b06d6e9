import { GRANT_CONSENT, REFRESH_SHARED_DATA } from '../api/operations';
import type {
  GrantConsentMutation,
  GrantConsentMutationVariables,
  RefreshSharedDataMutation,
  RefreshSharedDataMutationVariables,
} from '../generated/graphql';
import { aside, pick } from '../i18n/settings';
import { t } from '../i18n/t';
import { elementName } from '../logic/elementNames';
import { neededSources } from '../logic/neededSources';
import { definePage, type PageEvent, type Query } from '../app/page';
import { services, settings } from '../app/services';
import { baseData, blank, loadFlow, localTime, run, stepsOf, type FlowData, type Step } from './common';

interface DataSetView {
  sourceId: string;
  name: string;
  department: string;
  purpose: string;
  basis: string;
  elements: string;
  granted: boolean;
  checked: boolean;
  pull: 'ok' | 'no_record' | 'failed' | 'none';
  pullText: string;
}

interface PrefilledView {
  label: string;
  value: string;
  source: string;
}

function views(flow: FlowData, checked: (sourceId: string) => boolean): { sets: DataSetView[]; prefilled: PrefilledView[] } {
  const s = settings();
  const { app } = flow;
  const names = new Map(app.dataSharing.map((d) => [d.sourceId, `${pick(d.name, s)}${aside(pick(d.department, s), s)}`]));
  const needed = neededSources(flow.guide, app.evaluation?.materials ?? []);
  const offered = app.dataSharing.filter((d) => needed.has(d.sourceId) || d.consent !== null);
  const sets = offered.map((d): DataSetView => {
    const status = d.lastPull?.status;
    const pull = status === 'ok' || status === 'no_record' || status === 'failed' ? status : 'none';
    const said = pull === 'ok' ? t('pullOk', s) : pull === 'no_record' ? t('pullNoRecord', s) : pull === 'failed' ? t('pullFailed', s) : '';
    return {
      sourceId: d.sourceId,
      name: pick(d.name, s),
      department: pick(d.department, s),
      purpose: pick(d.purpose, s),
      basis: d.legalBasis.map((b) => pick(b, s)).join('、'),
      elements: d.elements.map((e) => elementName(e, s)).join('、'),
      granted: d.consent !== null,
      checked: d.consent !== null || checked(d.sourceId),
      pull,
      pullText: [said, pick(d.lastPull?.reason, s)].filter(Boolean).join('：'),
    };
  });
  const prefilled = app.prefilled.map((p) => ({
    label: elementName(p.field, s),
    value: String(p.value),
    source: `${t('from', s)} ${names.get(p.sourceId) ?? p.sourceId} · ${localTime(p.fetchedAt)}`,
  }));
  return { sets, prefilled };
}

/** Consent to data sharing, data set by data set, and where each prefilled value came from. */
export const consentPage = definePage({
  data: {
    ...blank(),
    id: '',
    title: '',
    steps: [] as Step[],
    sets: [] as DataSetView[],
    prefilled: [] as PrefilledView[],
    toGrant: 0,
    failed: false,
  },
  onLoad(query: Query) {
    this.setData({ ...baseData(), id: query.id ?? '', steps: stepsOf('consent') });
    void run(this, () => this.reload(() => true));
  },
  async reload(checked: (sourceId: string) => boolean) {
    const flow = await loadFlow(this.data.id);
    const { sets, prefilled } = views(flow, checked);
    if (sets.length === 0) return services().redirect('form', { id: this.data.id });
    this.setData({
      title: flow.title,
      sets,
      prefilled,
      toGrant: sets.filter((d) => d.checked && !d.granted).length,
      failed: sets.some((d) => d.pull === 'failed'),
    });
  },
  onToggle(e: PageEvent) {
    const source = e.currentTarget.dataset.source;
    const sets = this.data.sets.map((d) => (d.sourceId === source && !d.granted ? { ...d, checked: !d.checked } : d));
    this.setData({ sets, toGrant: sets.filter((d) => d.checked && !d.granted).length });
  },
  onGrant() {
    void run(this, async () => {
      const sources = this.data.sets.filter((d) => d.checked && !d.granted).map((d) => d.sourceId);
      const { grantConsent } = await services().client.request<GrantConsentMutation, GrantConsentMutationVariables>(
        GRANT_CONSENT,
        { id: this.data.id, sources },
      );
      if (grantConsent.__typename === 'ApplicationError') throw new Error(pick(grantConsent.message, settings()));
      await this.reload(() => false);
    });
  },
  onRetry() {
    void run(this, async () => {
      const { refreshSharedData } = await services().client.request<
        RefreshSharedDataMutation,
        RefreshSharedDataMutationVariables
      >(REFRESH_SHARED_DATA, { id: this.data.id });
      if (refreshSharedData.__typename === 'ApplicationError') throw new Error(pick(refreshSharedData.message, settings()));
      await this.reload(() => false);
    });
  },
  onNext() {
    services().navigate('form', { id: this.data.id });
  },
});
