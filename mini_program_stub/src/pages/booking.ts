import { BOOK, RESCHEDULE, SLOTS } from '../api/operations';
import type {
  BookMutation,
  BookMutationVariables,
  RescheduleMutation,
  RescheduleMutationVariables,
  SlotsQuery,
  SlotsQueryVariables,
} from '../generated/graphql';
import { aside, pick } from '../i18n/settings';
import { t } from '../i18n/t';
import { definePage, type PageEvent, type Query } from '../app/page';
import { services, settings } from '../app/services';
import { baseData, blank, localTime, run } from './common';

interface Time {
  slotId: string;
  day: string;
  label: string;
  free: number;
  freeText: string;
}

const WEEKDAYS = { zh: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };

/** One choice per time: the windows of a hall serve the same matters, so the freest window is booked. */
function timesOf(slots: SlotsQuery['appointmentSlots']): Time[] {
  const s = settings();
  const byStart = new Map<string, Time>();
  for (const slot of slots) {
    const [day = '', clock = ''] = localTime(slot.startsAt).split(' ');
    const known = byStart.get(slot.startsAt);
    const free = (known?.free ?? 0) + slot.free;
    const best = !known || slot.free > 0 ? slot.id : known.slotId;
    byStart.set(slot.startsAt, {
      slotId: known && known.free >= slot.free ? known.slotId : best,
      day,
      label: `${clock}–${localTime(slot.endsAt).split(' ')[1] ?? ''}`,
      free,
      freeText: free > 0 ? t('slotFree', s, { n: free }) : t('slotFull', s),
    });
  }
  return [...byStart.values()];
}

function dayLabel(day: string, sample: string): string {
  const s = settings();
  const weekday = new Date(Date.parse(sample) + 8 * 3600_000).getUTCDay();
  return `${day} ${WEEKDAYS[s.lang][weekday] ?? ''}`;
}

/** Booking the one trip: a day, then a time; a booking already made can be moved. */
export const bookingPage = definePage({
  data: {
    ...blank(),
    id: '',
    title: '',
    hall: '',
    reason: '',
    all: [] as Time[],
    days: [] as { day: string; label: string; selected: boolean }[],
    times: [] as Time[],
    bookingId: '',
    booked: '',
  },
  onLoad(query: Query) {
    this.setData({ ...baseData(), id: query.id ?? '' });
    void run(this, () => this.reload());
  },
  async reload() {
    const s = settings();
    const { id } = this.data;
    const region = services().region;
    const data = await services().client.request<SlotsQuery, SlotsQueryVariables>(SLOTS, { region, id });
    const app = data.application;
    const all = timesOf(data.appointmentSlots);
    const first = data.appointmentSlots[0];
    const days = [...new Map(data.appointmentSlots.map((slot) => {
      const day = localTime(slot.startsAt).split(' ')[0] ?? '';
      return [day, { day, label: dayLabel(day, slot.startsAt), selected: false }];
    })).values()];
    const chosen = days.find((d) => all.some((time) => time.day === d.day && time.free > 0))?.day ?? '';
    const booking = data.myAppointments.find((b) => b.applicationId === id && b.status === 'BOOKED');
    this.setData({
      title: t('bookingFor', s, { name: pick(app?.matter?.name ?? app?.lifeEvent?.name, s) }),
      hall: first ? `${pick(first.window.hall.name, s)}${aside(pick(first.window.hall.address, s), s)}` : '',
      reason: (app?.evaluation?.trips ?? []).filter((trip) => trip.kind === 'on_site').map((trip) => pick(trip.reason, s)).join('；'),
      all,
      days: days.map((d) => ({ ...d, selected: d.day === chosen })),
      times: all.filter((time) => time.day === chosen),
      bookingId: booking?.id ?? '',
      booked: booking ? `${localTime(booking.slot.startsAt)}–${localTime(booking.slot.endsAt).split(' ')[1] ?? ''}` : '',
    });
  },
  onDay(e: PageEvent) {
    const day = e.currentTarget.dataset.day ?? '';
    this.setData({
      days: this.data.days.map((d) => ({ ...d, selected: d.day === day })),
      times: this.data.all.filter((time) => time.day === day),
    });
  },
  onPick(e: PageEvent) {
    void run(this, async () => {
      const slot = e.currentTarget.dataset.slot ?? '';
      const client = services().client;
      const result = this.data.bookingId
        ? (await client.request<RescheduleMutation, RescheduleMutationVariables>(RESCHEDULE, { booking: this.data.bookingId, slot }))
            .rescheduleAppointment
        : (await client.request<BookMutation, BookMutationVariables>(BOOK, { slot, id: this.data.id })).bookAppointment;
      if (result.__typename === 'AppointmentError') throw new Error(pick(result.message, settings()));
      await this.reload();
    });
  },
  onDone() {
    services().redirect('application', { id: this.data.id });
  },
});
