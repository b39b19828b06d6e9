import { App, Button, DatePicker, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { request } from '../../api/request';
import type { DeskHallBookingsQuery, DeskHallBookingsQueryVariables } from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import './desk.css';
import { DESK_HALL_BOOKINGS } from './operations';

type Booking = DeskHallBookingsQuery['hallBookings'][number];

// The hall's clock and calendar are China time, whatever the browser's: the API writes times
// with +08:00, so a time's own digits are the hall's.
const clock = (iso: string) => iso.slice(11, 16);
const chinaToday = () => dayjs(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }));

/** 今日预约: the bookings of a day at my hall, by time then window; each opens its application, or
 * starts a walk-in for a citizen who booked without one. */
export function Appointments({ onOpen, onWalkIn }: { onOpen: (id: string) => void; onWalkIn: () => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [day, setDay] = useState<Dayjs>(chinaToday);
  const [bookings, setBookings] = useState<Booking[] | null>(null);

  useEffect(() => {
    setBookings(null);
    request<DeskHallBookingsQuery, DeskHallBookingsQueryVariables>(DESK_HALL_BOOKINGS, {
      day: day.format('YYYY-MM-DD'),
    })
      .then((data) => setBookings(data.hallBookings))
      .catch((e: Error) => {
        message.error(e.message);
        setBookings([]);
      });
  }, [day, message]);

  return (
    <div className="page desk-page">
      <Typography.Title level={2}>{t('deskAppointmentsTitle')}</Typography.Title>
      <Space wrap className="gap-below">
        <label htmlFor="desk-day">{t('deskDay')}</label>
        <DatePicker id="desk-day" value={day} allowClear={false} onChange={(value) => value && setDay(value)} />
      </Space>
      <Table<Booking>
        rowKey="id"
        size="small"
        loading={bookings === null}
        dataSource={bookings ?? []}
        pagination={false}
        locale={{ emptyText: t('deskNoBookings') }}
        aria-label={t('deskAppointmentsTable')}
        columns={[
          { title: t('deskTime'), width: 120, render: (_, b) => `${clock(b.startsAt)}–${clock(b.endsAt)}` },
          { title: t('deskWindow'), render: (_, b) => pick(b.windowName) },
          { title: t('deskCitizen'), render: (_, b) => `${b.citizenName} · ${b.residentId}` },
          { title: t('deskMatter'), render: (_, b) => pick(b.matter) || '—' },
          {
            title: t('clerkStatus'),
            width: 100,
            render: (_, b) =>
              b.status === 'BOOKED' ? <Tag color="blue">{t('deskBooked')}</Tag> : <Tag>{t('deskCancelled')}</Tag>,
          },
          {
            title: t('clerkActions'),
            width: 140,
            render: (_, b) => {
              const application = b.applicationId;
              if (b.status !== 'BOOKED') return null;
              return application ? (
                <Button size="small" onClick={() => onOpen(application)}>
                  {t('deskOpenApplication')}
                </Button>
              ) : (
                <Button size="small" onClick={onWalkIn}>
                  {t('deskStartWalkIn')}
                </Button>
              );
            },
          },
        ]}
      />
    </div>
  );
}
