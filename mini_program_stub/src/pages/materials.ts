import { SIGN_COMMITMENT, UPLOAD_MATERIAL } from '../api/operations';
import type {
  SignCommitmentMutation,
  SignCommitmentMutationVariables,
  UploadMaterialMutation,
  UploadMaterialMutationVariables,
} from '../generated/graphql';
import { pick } from '../i18n/settings';
import { codeText } from '../i18n/t';
import type { PickedFile } from '../platform/transport';
import { definePage, type PageEvent, type Query } from '../app/page';
import { services, settings } from '../app/services';
import { baseData, blank, loadFlow, run, runBadge, stepsOf, type FlowData, type Step } from './common';

export interface ChecklistView {
  id: string;
  name: string;
  description: string;
  why: string;
  sample: string;
  status: string;
  statusText: string;
  done: boolean;
  evidence: string;
  commitment: string;
  accept: string;
  canUpload: boolean;
}

const DONE = ['PROVIDED', 'SIGNED', 'UPLOADED'];

/** The applicant's own checklist: what is satisfied and how, what is left and how to do it. */
export function checklistOf({ app, guide }: FlowData): ChecklistView[] {
  const s = settings();
  const texts = new Map(guide.materials.map((m) => [m.id, m]));
  return (app.evaluation?.materials ?? [])
    .filter((item) => item.status !== 'NOT_REQUIRED')
    .map((item) => {
      const m = texts.get(item.id);
      const upload = m?.ways.find((w) => w.kind === 'upload');
      const commitment = m?.ways.find((w) => w.kind === 'commitment');
      return {
        id: item.id,
        name: pick(m?.name, s) || item.id,
        description: pick(m?.description, s),
        why: pick(m?.why, s),
        sample: pick(m?.sample, s),
        status: item.status,
        statusText: codeText(item.status, s),
        done: DONE.includes(item.status),
        evidence: pick(item.evidence, s),
        commitment: item.status === 'TO_SIGN' ? pick(commitment?.commitmentText, s) : '',
        accept: (upload?.accept ?? []).join(','),
        canUpload: upload !== undefined && !['PROVIDED', 'SIGNED'].includes(item.status),
      };
    });
}

export async function signCommitment(id: string, material: string): Promise<void> {
  const { signCommitment: result } = await services().client.request<
    SignCommitmentMutation,
    SignCommitmentMutationVariables
  >(SIGN_COMMITMENT, { id, material });
  if (result.__typename === 'ApplicationError') throw new Error(pick(result.message, settings()));
}

/** A file from the phone: the page's file input hands it over, or the platform's picker is asked. */
export async function uploadMaterial(id: string, material: string, picked: PickedFile | undefined): Promise<void> {
  const file = picked ?? (await services().pickFile?.());
  if (!file) return;
  const { uploadMaterial: result } = await services().client.upload<
    UploadMaterialMutation,
    UploadMaterialMutationVariables
  >(UPLOAD_MATERIAL, { id, material, file: null }, 'file', file);
  if (result.__typename === 'ApplicationError') {
    const s = settings();
    throw new Error([pick(result.message, s), ...result.errors.map((e) => pick(e.message, s))].join(' '));
  }
}

/** Materials: e-licenses and shared data shown with their evidence, commitments signed, files uploaded. */
export const materialsPage = definePage({
  data: {
    ...blank(),
    id: '',
    title: '',
    steps: [] as Step[],
    items: [] as ChecklistView[],
    badge: { text: '', tone: 'one' as 'zero' | 'one' | 'more' },
    trips: [] as { reason: string; remedy: string }[],
  },
  onLoad(query: Query) {
    this.setData({ ...baseData(), id: query.id ?? '', steps: stepsOf('materials') });
    void run(this, () => this.reload());
  },
  async reload() {
    const s = settings();
    const flow = await loadFlow(this.data.id);
    const evaluation = flow.app.evaluation;
    this.setData({
      title: flow.title,
      items: checklistOf(flow),
      badge: runBadge(evaluation?.runCount ?? 0),
      trips: (evaluation?.trips ?? []).map((trip) => ({ reason: pick(trip.reason, s), remedy: pick(trip.remedy, s) })),
    });
  },
  onSign(e: PageEvent) {
    void run(this, async () => {
      await signCommitment(this.data.id, e.currentTarget.dataset.id ?? '');
      await this.reload();
    });
  },
  onUpload(e: PageEvent) {
    void run(this, async () => {
      await uploadMaterial(this.data.id, e.currentTarget.dataset.id ?? '', e.detail.file);
      await this.reload();
    });
  },
  onNext() {
    services().navigate('submit', { id: this.data.id });
  },
});
