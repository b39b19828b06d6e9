import { EVALUATE, LIFE_EVENT_GUIDE, MATTER_GUIDE, START_APPLICATION, START_LIFE_EVENT } from '../api/operations';
import type {
  EvaluateQuery,
  EvaluateQueryVariables,
  LifeEventGuideQuery,
  LifeEventGuideQueryVariables,
  MatterGuideQuery,
  MatterGuideQueryVariables,
  StartApplicationMutation,
  StartApplicationMutationVariables,
  StartLifeEventMutation,
  StartLifeEventMutationVariables,
} from '../generated/graphql';
import { aside, pick, type Settings } from '../i18n/settings';
import { codeText, t } from '../i18n/t';
import { applicantParties } from '../logic/applicantParties';
import { mergeGuides, type Guide } from '../logic/definition';
import { definePage, type PageEvent, type Query } from '../app/page';
import { services, settings } from '../app/services';
import { baseData, blank, run, runBadge } from './common';

interface Trip {
  reason: string;
  remedy: string;
}

export interface MaterialView {
  id: string;
  name: string;
  description: string;
  why: string;
  sample: string;
  ways: string;
  conditional: boolean;
}

function materialViews(guide: Guide, s: Settings): MaterialView[] {
  return guide.materials.map((m) => ({
    id: m.id,
    name: pick(m.name, s),
    description: pick(m.description, s),
    why: pick(m.why, s),
    sample: pick(m.sample, s),
    ways: [...new Set(m.ways.map((w) => codeText(w.kind, s)))].join(' / '),
    conditional: m.requiredWhen !== null,
  }));
}

async function evaluate(code: string): Promise<{ runCount: number; trips: Trip[] }> {
  const { evaluate: result } = await services().client.request<EvaluateQuery, EvaluateQueryVariables>(EVALUATE, {
    code,
    situation: null,
  });
  if (result.__typename !== 'Evaluation') return { runCount: 0, trips: [] };
  const s = settings();
  return {
    runCount: result.runCount,
    trips: result.trips.map((trip) => ({ reason: pick(trip.reason, s), remedy: pick(trip.remedy, s) })),
  };
}

/** What to show of a matter or a life event: one guide, with the members of a life event. */
interface Loaded {
  title: string;
  summary: string;
  promise: string;
  members: string[];
  guide: Guide;
  codes: string[];
  roles: { value: string; label: string; checked: boolean }[];
}

/** Which party to start as, when the matter declares several: the first one chosen until the citizen picks. */
function roles(guides: { parties: { id: string; name: { zh: string; en: string }; role: string }[] }[]): Loaded['roles'] {
  const parties = applicantParties(guides);
  if (parties.length < 2) return [];
  return parties.map((p, i) => ({ value: p.id, label: pick(p.name, settings()), checked: i === 0 }));
}

async function load(query: Query): Promise<Loaded> {
  const s = settings();
  const client = services().client;
  if (query.event) {
    const { lifeEvent } = await client.request<LifeEventGuideQuery, LifeEventGuideQueryVariables>(LIFE_EVENT_GUIDE, {
      code: query.event,
    });
    const guide = mergeGuides(lifeEvent?.matters.flatMap((m) => (m.guide ? [m.guide] : [])) ?? []);
    if (!lifeEvent || !guide) throw new Error(`life event ${query.event} not found`);
    return {
      title: pick(lifeEvent.name, s),
      summary: pick(lifeEvent.summary, s),
      promise: pick(lifeEvent.promise, s),
      members: lifeEvent.matters.map((m) => `${pick(m.name, s)} · ${pick(m.department.name, s)}`),
      guide,
      codes: lifeEvent.matters.map((m) => m.code),
      roles: roles(lifeEvent.matters.flatMap((m) => (m.guide ? [m.guide] : []))),
    };
  }
  const { matter } = await client.request<MatterGuideQuery, MatterGuideQueryVariables>(MATTER_GUIDE, {
    code: query.matter ?? '',
  });
  if (!matter?.guide) throw new Error(`matter ${query.matter ?? ''} not found`);
  return {
    title: pick(matter.name, s),
    summary: pick(matter.guide.summary, s),
    promise: pick(matter.department.name, s),
    members: [],
    guide: matter.guide,
    codes: [matter.code],
    roles: roles([matter.guide]),
  };
}

/** The guide (办事指南): run count, precise materials with why and a sample, fees, time limits. */
export const guidePage = definePage({
  data: {
    ...blank(),
    query: {} as Query,
    title: '',
    summary: '',
    promise: '',
    members: [] as string[],
    badge: { text: '', tone: 'one' as 'zero' | 'one' | 'more' },
    estimate: false,
    trips: [] as Trip[],
    materials: [] as MaterialView[],
    onSite: [] as { name: string; description: string; why: string }[],
    fees: [] as string[],
    promised: '',
    statutory: '',
    delivery: '',
    contact: [] as string[],
    legal: [] as string[],
    /** 我是：the parties I may start as (none for a one-applicant matter). */
    roles: [] as { value: string; label: string; checked: boolean }[],
  },
  onLoad(query: Query) {
    this.setData({ ...baseData(), query });
    void run(this, async () => {
      const s = settings();
      const { guide, codes, ...heading } = await load(query);
      // One window serves every member in the same visit: the event needs as many trips as its most demanding member.
      const evaluations = await Promise.all(codes.map(evaluate));
      const runCount = Math.max(0, ...evaluations.map((e) => e.runCount));
      const limits = guide.timeLimits;
      this.setData({
        ...heading,
        badge: runBadge(runCount),
        estimate: runCount > 0,
        trips: evaluations.flatMap((e) => e.trips),
        materials: materialViews(guide, s),
        onSite: guide.onSiteSteps.map((o) => ({
          name: pick(o.name, s),
          description: pick(o.description, s),
          why: pick(o.why, s),
        })),
        fees: guide.fees.length
          ? guide.fees.map((f) => `${pick(f.name, s)}${s.lang === 'zh' ? '：' : ': '}${f.computed ? pick(f.formula, s) : t('yuan', s, { n: f.amountCny })}${aside(pick(f.basis, s), s)}`)
          : [t('free', s)],
        promised: limits.promisedDays ? t('promisedDays', s, { n: limits.promisedDays }) : t('onTheSpot', s),
        statutory: t('statutoryDays', s, { n: limits.statutoryDays }),
        delivery: guide.delivery.map((d) => codeText(d, s)).join(' / '),
        contact: [guide.contact?.phone ?? '', pick(guide.contact?.address, s), pick(guide.contact?.hours, s)].filter(Boolean),
        legal: guide.legalBasis.map((l) => `${pick(l.title, s)}${l.article ?? ''}`),
      });
    });
  },
  onRole(e: PageEvent) {
    const value = e.currentTarget.dataset.value;
    this.setData({ roles: this.data.roles.map((r) => ({ ...r, checked: r.value === value })) });
  },
  onStart() {
    void run(this, async () => {
      const client = services().client;
      const key = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
      const { event, matter } = this.data.query;
      const asParty = this.data.roles.find((r) => r.checked)?.value ?? null;
      const result = event
        ? (await client.request<StartLifeEventMutation, StartLifeEventMutationVariables>(START_LIFE_EVENT, { code: event, key, asParty }))
            .startLifeEvent
        : (
            await client.request<StartApplicationMutation, StartApplicationMutationVariables>(START_APPLICATION, {
              code: matter ?? '',
              key,
              asParty,
            })
          ).startApplication;
      if (result.__typename === 'ApplicationError') throw new Error(pick(result.message, settings()));
      services().navigate('situation', { id: result.id });
    });
  },
});
