import { pick } from '../i18n/settings';
import { t } from '../i18n/t';
import { pendingOnForm } from '../logic/eligibility';
import { definePage, type Query } from '../app/page';
import { services, settings } from '../app/services';
import { baseData, blank, loadFlow, run, runBadge, stepsOf, type Step } from './common';

/** The eligibility check: the server's verdict on every rule, and the trips with what would spare them. */
export const checkPage = definePage({
  data: {
    ...blank(),
    id: '',
    title: '',
    steps: [] as Step[],
    eligible: false,
    verdict: '',
    outcomes: [] as { message: string; block: boolean }[],
    pending: [] as string[],
    estimate: '',
    badge: { text: '', tone: 'one' as 'zero' | 'one' | 'more' },
    trips: [] as { reason: string; remedy: string }[],
    hasSituation: false,
  },
  onLoad(query: Query) {
    this.setData({ ...baseData(), id: query.id ?? '', steps: stepsOf('check') });
    void run(this, async () => {
      const s = settings();
      const { app, guide, title } = await loadFlow(this.data.id);
      const evaluation = app.evaluation;
      if (!evaluation) throw new Error('no evaluation');
      // A rule that passes says nothing; one the server says waits for answers is pending.
      const { now, later } = pendingOnForm(evaluation.eligibility, app.eligibilityPending);
      const eligible = !now.some((o) => o.effect === 'block');
      this.setData({
        title,
        eligible,
        verdict: t(eligible ? 'eligible' : 'notEligible', s),
        pending: later.map((o) => pick(o.message, s)),
        outcomes: now.map((o) => ({ message: pick(o.message, s), block: o.effect === 'block' })),
        badge: runBadge(evaluation.runCount),
        estimate: evaluation.runCount > 0 && app.dataSharing.some((d) => !d.consent) ? t('runsEstimate', s) : '',
        trips: evaluation.trips.map((trip) => ({ reason: pick(trip.reason, s), remedy: pick(trip.remedy, s) })),
        hasSituation: guide.situations.length > 0,
      });
    });
  },
  onBack() {
    services().redirect('situation', { id: this.data.id });
  },
  onNext() {
    services().navigate('consent', { id: this.data.id });
  },
});
