import { APPLICATION_FLOW } from '../api/operations';
import type { ApplicationFlowQuery, ApplicationFlowQueryVariables } from '../generated/graphql';
import { DICTIONARY, type TextKey } from '../i18n/dictionary';
import { DEFAULT_SETTINGS, pick, type Settings } from '../i18n/settings';
import { t } from '../i18n/t';
import { mergeGuides, type Guide } from '../logic/definition';
import type { RuleData } from '../logic/rules';
import type { PageInstance } from '../app/page';
import { services, settings } from '../app/services';

export type Texts = Record<TextKey, string>;

/** What every page's data holds: its texts in the reader's words, and how the last action went. */
export interface BaseData {
  t: Texts;
  elderly: boolean;
  busy: boolean;
  error: string;
}

export function texts(s: Settings): Texts {
  const all = {} as Texts;
  for (const key of Object.keys(DICTIONARY) as TextKey[]) all[key] = t(key, s);
  return all;
}

/** A page's data before it loads (no services needed yet). */
export function blank(): BaseData {
  return { t: texts(DEFAULT_SETTINGS), elderly: false, busy: true, error: '' };
}

export function baseData(): BaseData {
  const s = settings();
  return { t: texts(s), elderly: s.elderly, busy: true, error: '' };
}

/** Run a page action: busy while it runs, its failure shown instead of thrown. */
export async function run<D extends BaseData>(page: PageInstance<D>, action: () => Promise<void>): Promise<void> {
  page.setData({ busy: true, error: '' } as Partial<D>);
  try {
    await action();
    page.setData({ busy: false } as Partial<D>);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    page.setData({ busy: false, error: t('errorGeneric', settings()) + message } as Partial<D>);
  }
}

export type Flow = NonNullable<ApplicationFlowQuery['application']>;

export interface FlowData {
  app: Flow;
  guide: Guide;
  title: string;
  rules: RuleData;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** The verified facts rules read as applicant.* (the server stays the judge). */
function applicantFacts(me: ApplicationFlowQuery['me']): Record<string, unknown> {
  if (!me) return {};
  const facts: Record<string, unknown> = { hukou_region: me.hukouRegion, birth_date: me.birthDate, age: me.age };
  return Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== null && value !== undefined));
}

/** An application with its matter's (or life event's merged) guide, as every step needs it. */
export async function loadFlow(id: string): Promise<FlowData> {
  const { application: app, me } = await services().client.request<
    ApplicationFlowQuery,
    ApplicationFlowQueryVariables
  >(APPLICATION_FLOW, { id });
  const guide =
    app?.matter?.guide ?? mergeGuides(app?.lifeEvent?.matters.flatMap((m) => (m.guide ? [m.guide] : [])) ?? []);
  if (!app || !guide) throw new Error(`application ${id} not found`);
  return {
    app,
    guide,
    title: pick(app.matter?.name ?? app.lifeEvent?.name, settings()),
    rules: {
      answers: record(app.answers),
      situation: record(app.situation),
      applicant: applicantFacts(me),
    },
  };
}

export type StepName = 'situation' | 'check' | 'consent' | 'form' | 'materials' | 'submit';
const STEPS: StepName[] = ['situation', 'check', 'consent', 'form', 'materials', 'submit'];
const STEP_TEXT: Record<StepName, TextKey> = {
  situation: 'stepSituation',
  check: 'stepCheck',
  consent: 'stepConsent',
  form: 'stepForm',
  materials: 'stepMaterials',
  submit: 'stepSubmit',
};

export interface Step {
  name: StepName;
  label: string;
  state: 'done' | 'current' | 'todo';
}

/** The step bar of an application in progress. */
export function stepsOf(current: StepName): Step[] {
  const s = settings();
  const at = STEPS.indexOf(current);
  return STEPS.map((name, i) => ({
    name,
    label: t(STEP_TEXT[name], s),
    state: i < at ? 'done' : i === at ? 'current' : 'todo',
  }));
}

/** The run-count badge: its words and its tone. */
export function runBadge(runCount: number): { text: string; tone: 'zero' | 'one' | 'more' } {
  const s = settings();
  if (runCount === 0) return { text: t('runs0', s), tone: 'zero' };
  if (runCount === 1) return { text: t('runs1', s), tone: 'one' };
  return { text: t('runsN', s, { n: runCount }), tone: 'more' };
}

/** A moment as China Standard Time, month-day hour:minute, wherever the phone is. */
export function localTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
