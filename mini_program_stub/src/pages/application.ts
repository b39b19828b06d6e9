import { APPLICATION_DETAIL, APPLICATION_EVENTS, PAY_FEES } from '../api/operations';
import type {
  ApplicationDetailQuery,
  ApplicationDetailQueryVariables,
  ApplicationEventsSubscription,
  PayFeesMutation,
  PayFeesMutationVariables,
} from '../generated/graphql';
import { aside, pick } from '../i18n/settings';
import { codeText, t } from '../i18n/t';
import type { Subscription } from '../api/subscribe';
import { definePage, type PageInstance, type Query } from '../app/page';
import { services, settings } from '../app/services';
import { feesView, type FeeLine } from '../logic/feeViews';
import { partyViews, type PartyView } from '../logic/partyViews';
import { baseData, blank, localTime, run } from './common';
import { partiesOf } from './partiesOf';

interface Entry {
  kind: string;
  message: string;
  at: string;
  /** Who took the step when not the applicant (李* 代办); '' when the applicant did. */
  actedBy: string;
}

/** The live connection of each open detail page (not page data: it cannot be serialised). */
const connections = new WeakMap<object, { subscription: Subscription | null; timer: ReturnType<typeof setTimeout> | null }>();

const ACTIVE = ['SUBMITTED', 'ACCEPTED', 'CORRECTION_REQUESTED'];
const REVIEW_TEXT = { PENDING: 'reviewPending', APPROVED: 'reviewApproved', DENIED: 'reviewDenied' } as const;

/** One application: status, each department's part, the timeline as it happens, and what to do next. */
export const applicationPage = definePage({
  data: {
    ...blank(),
    id: '',
    title: '',
    status: '',
    statusText: '',
    live: '',
    timeline: [] as Entry[],
    departments: [] as { name: string; statusText: string; status: string }[],
    booking: '',
    rating: '',
    followUp: '',
    tracking: '',
    deadline: '',
    canContinue: false,
    canCorrect: false,
    canBook: false,
    canRate: false,
    parties: [] as PartyView[],
    fees: [] as FeeLine[],
    feesTotal: '',
    feesPaid: '',
    canPay: false,
    payNote: '',
  },
  onLoad(query: Query) {
    this.setData({ ...baseData(), id: query.id ?? '' });
    connections.set(this, { subscription: null, timer: null });
    void run(this, () => this.reload());
    this.watch();
  },
  onUnload() {
    const connection = connections.get(this);
    connection?.subscription?.stop();
    if (connection?.timer) clearTimeout(connection.timer);
    connections.delete(this);
  },
  async reload() {
    const s = settings();
    const [{ application: app, myAppointments }, parties] = await Promise.all([
      services().client.request<ApplicationDetailQuery, ApplicationDetailQueryVariables>(APPLICATION_DETAIL, { id: this.data.id }),
      partiesOf(this.data.id),
    ]);
    if (!app) throw new Error(`application ${this.data.id} not found`);
    const booking = myAppointments.find((b) => b.applicationId === app.id && b.status === 'BOOKED');
    const trips = app.evaluation?.runCount ?? 0;
    const fees = feesView(app.status, app.evaluation?.fees ?? [], app.payment, s);
    this.setData({
      fees: fees.lines,
      feesTotal: fees.total,
      feesPaid: fees.paid,
      canPay: fees.canPay,
      title: pick(app.matter?.name ?? app.lifeEvent?.name, s),
      status: app.status,
      statusText: codeText(app.status, s),
      timeline: app.timeline.map((e) => ({ kind: e.kind, message: pick(e.message, s), at: localTime(e.at), actedBy: e.actedBy ?? '' })),
      // each department's part as that department decides, not the whole's status
      departments: app.children.map((c) => {
        const review = app.reviews.find((r) => r.applicationId === c.id);
        const decided = c.status === 'ACCEPTED' && review ? REVIEW_TEXT[review.status] : null;
        return {
          name: `${pick(c.matter?.department.name, s)}：${pick(c.matter?.name, s)}`,
          status: decided ? review?.status ?? c.status : c.status,
          statusText: decided ? t(decided, s) : codeText(c.status, s),
        };
      }),
      booking: booking
        ? t('bookedAt', s, {
            when: localTime(booking.slot.startsAt),
            where: `${pick(booking.slot.window.hall.name, s)} ${pick(booking.slot.window.name, s)}${aside(pick(booking.slot.window.hall.address, s), s)}`,
          })
        : '',
      rating: app.rating ? t('yourRating', s, { n: app.rating.score }) : '',
      followUp: app.rating?.followUp?.answer ?? '',
      tracking: app.trackingNumber ?? '',
      deadline: app.dueOn ? t(app.dueProvisional ? 'deadlineEstimated' : 'deadline', s, { date: app.dueOn }) : '',
      canContinue: app.status === 'DRAFT',
      canCorrect: app.status === 'CORRECTION_REQUESTED',
      canBook: trips > 0 && (ACTIVE.includes(app.status) || app.status === 'DRAFT'),
      canRate: app.status === 'COMPLETED' && !app.rating,
      parties: partyViews(parties, s),
    });
  },
  /** Subscribe to the steps; each step reloads the page (status, departments, actions). */
  watch() {
    const connection = connections.get(this);
    if (!connection) return;
    const page = this as PageInstance<{ live: string }>;
    connection.subscription = services().subscribe<ApplicationEventsSubscription>(
      APPLICATION_EVENTS,
      { id: this.data.id },
      // A step arrived: reload quietly (no busy banner over the page being read).
      () => void this.reload().catch(() => page.setData({ live: 'offline' })),
      () => {
        page.setData({ live: 'offline' });
        connection.timer = setTimeout(() => {
          void run(this, () => this.reload());
          this.watch();
        }, 3000);
      },
    );
    page.setData({ live: 'live' });
  },
  /** Back to the draft: the situation is asked once, of the starter; a party goes on from consent. */
  onContinue() {
    services().navigate(this.data.parties.length ? 'consent' : 'situation', { id: this.data.id });
  },
  onCorrect() {
    services().navigate('correction', { id: this.data.id });
  },
  onParties() {
    services().navigate('parties', { id: this.data.id });
  },
  onBook() {
    services().navigate('booking', { id: this.data.id });
  },
  onRate() {
    services().navigate('rate', { id: this.data.id });
  },
  /** Pay the fees online: the order the server opens for what it counts I owe, handed to the
   * platform's cashier (wx.requestPayment); paid once the platform's notice arrives. */
  onPay() {
    void run(this, async () => {
      const s = settings();
      const { payFees: order } = await services().client.request<PayFeesMutation, PayFeesMutationVariables>(PAY_FEES, {
        applicationId: this.data.id,
      });
      if (order.__typename === 'PaymentError') throw new Error(pick(order.message, s));
      const cashier = services().requestPayment;
      if (order.prepayId && !cashier) {
        this.setData({ payNote: t('payNoCashier', s) });
        return;
      }
      if (order.prepayId && cashier) await cashier({ applicationId: this.data.id, prepayId: order.prepayId });
      this.setData({ payNote: '' });
      await this.reload();
    });
  },
});
