import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { request } from '../../api/request';
import type {
  HallsAddClosureMutation,
  HallsAddClosureMutationVariables,
  HallsDaysQuery,
  HallsDaysQueryVariables,
  HallsManagedQuery,
  HallsPublishMutation,
  HallsPublishMutationVariables,
  HallsRemoveClosureMutation,
  HallsSaveMutation,
  HallsSaveMutationVariables,
  HallsSaveWindowMutation,
  HallsSaveWindowMutationVariables,
  OpeningIntervalInput,
} from '../../generated/graphql';
import type { MessageKey } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/I18nProvider';
import { chinaDay } from './chinaDay';
import './halls.css';
import { HALLS_ADD_CLOSURE, HALLS_PUBLISH, HALLS_REMOVE_CLOSURE, HALLS_SAVE, HALLS_SAVE_WINDOW } from './mutations';
import { HALLS_DAYS, HALLS_MANAGED } from './queries';

type Hall = HallsManagedQuery['managedHalls'][number];
type Window = Hall['windows'][number];
type Localized = { zh: string; en: string };
/** What every change answers: its result, or a HallError with its message and fields. */
type Answer = { __typename: string; message?: Localized; errors?: { path: string; message: Localized }[] };

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const INTERVAL = /^\s*(\d\d:\d\d)\s*-\s*(\d\d:\d\d)\s*$/;

/** A weekday's intervals as the administrator types them: "09:00-12:00, 13:30-17:00". */
function hoursText(hall: Hall, weekday: number): string {
  return hall.openingHours
    .filter((i) => i.weekday === weekday)
    .map((i) => `${i.opens}-${i.closes}`)
    .join(', ');
}

/** The county administrator's halls (大厅与号源): opening hours, windows, closed days, and the
 * slots of the next 14 days with publishing. */
export function Halls() {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [halls, setHalls] = useState<Hall[] | null>(null);
  const [hallId, setHallId] = useState<string | null>(null);
  const [days, setDays] = useState<HallsDaysQuery['hallDays']>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<{ day: string; reason: string; text: string } | null>(null);
  const hall = halls?.find((h) => h.id === hallId) ?? null;
  const closedText = (answer: Answer) => {
    const count = (answer as { cancelledBookings?: number }).cancelledBookings ?? 0;
    return count ? t('hallsClosed', { count }) : t('hallsClosedEmpty');
  };

  const load = useCallback(() => {
    setLoadError(null);
    request<HallsManagedQuery>(HALLS_MANAGED)
      .then((data) => {
        setHalls(data.managedHalls);
        setHallId((id) => id ?? data.managedHalls[0]?.id ?? null);
      })
      .catch((e: Error) => setLoadError(e.message));
  }, []);
  useEffect(load, [load]);

  const loadDays = useCallback(() => {
    if (!hallId) return;
    request<HallsDaysQuery, HallsDaysQueryVariables>(HALLS_DAYS, { hallId })
      .then((data) => setDays(data.hallDays))
      .catch((e: Error) => setLoadError(e.message));
  }, [hallId]);
  useEffect(loadDays, [loadDays]);

  /** Send one change; a HallError shows its message and each field's, anything else reloads. */
  const change = async <Data, Variables extends object>(
    query: string,
    variables: Variables,
    answerOf: (data: Data) => Answer,
    done: (answer: Answer) => void,
  ) => {
    setBusy(true);
    try {
      const answer = answerOf(await request<Data, Variables>(query, variables));
      if (answer.__typename === 'HallError') {
        const details = (answer.errors ?? []).map((e) => pick(e.message));
        message.error([pick(answer.message), ...details].join(' '));
        return answer;
      }
      done(answer);
      load();
      loadDays();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
    return null;
  };

  if (loadError) return <Alert type="error" showIcon message={loadError} />;
  if (halls === null) return null;

  return (
    <div className="halls">
      <Typography.Title level={2}>{t('hallsTitle')}</Typography.Title>
      <Typography.Paragraph>{t('hallsIntro')}</Typography.Paragraph>
      {halls.length === 0 ? (
        <Alert type="info" message={t('hallsNone')} />
      ) : (
        <Space direction="vertical" size="middle" className="halls-stack">
          <label className="halls-pick">
            <span>{t('hallsPick')}</span>
            <Select
              aria-label={t('hallsPick')}
              value={hallId}
              onChange={setHallId}
              options={halls.map((h) => ({ value: h.id, label: `${pick(h.name)} · ${h.regionCode}` }))}
              className="halls-select"
            />
          </label>
          {hall && (
            <>
              <OpeningHours
                key={`hours-${hall.id}`}
                hall={hall}
                busy={busy}
                onSave={(openingHours) =>
                  change<HallsSaveMutation, HallsSaveMutationVariables>(
                    HALLS_SAVE,
                    {
                      hallId: hall.id,
                      name: hall.name,
                      address: hall.address,
                      regionCode: hall.regionCode,
                      openingHours,
                    },
                    (d) => d.saveHall,
                    () => message.success(t('hallsSaved')),
                  )
                }
              />
              <Windows
                key={`windows-${hall.id}`}
                hall={hall}
                busy={busy}
                onSave={(window) =>
                  change<HallsSaveWindowMutation, HallsSaveWindowMutationVariables>(
                    HALLS_SAVE_WINDOW,
                    { hallId: hall.id, ...window },
                    (d) => d.saveHallWindow,
                    () => message.success(t('hallsSaved')),
                  )
                }
              />
              <Closures
                hall={hall}
                busy={busy}
                onAdd={async (day, reason, confirm) => {
                  const refused = await change<HallsAddClosureMutation, HallsAddClosureMutationVariables>(
                    HALLS_ADD_CLOSURE,
                    { hallId: hall.id, day, reason, confirm },
                    (d) => d.addHallClosure,
                    (a) => message.success(closedText(a)),
                  );
                  if (refused && 'code' in refused && refused.code === 'BOOKINGS_EXIST')
                    setConfirming({ day, reason, text: pick(refused.message) });
                }}
                onRemove={(closureId) =>
                  change<HallsRemoveClosureMutation, { closureId: string }>(
                    HALLS_REMOVE_CLOSURE,
                    { closureId },
                    (d) => d.removeHallClosure,
                    () => message.success(t('hallsSaved')),
                  )
                }
              />
              <Slots
                days={days}
                busy={busy}
                onPublish={(from, to) =>
                  change<HallsPublishMutation, HallsPublishMutationVariables>(
                    HALLS_PUBLISH,
                    { hallId: hall.id, from, to },
                    (d) => d.publishHallSlots,
                    (a) => message.success(t('hallsPublished', { count: (a as { created?: number }).created ?? 0 })),
                  )
                }
              />
            </>
          )}
        </Space>
      )}
      <Modal
        open={confirming !== null}
        title={t('hallsConfirmClose')}
        okText={t('hallsConfirmCloseOk')}
        cancelText={t('hallsCancel')}
        okButtonProps={{ danger: true, loading: busy }}
        onCancel={() => setConfirming(null)}
        onOk={() => {
          if (!confirming || !hall) return;
          void change<HallsAddClosureMutation, HallsAddClosureMutationVariables>(
            HALLS_ADD_CLOSURE,
            { hallId: hall.id, day: confirming.day, reason: confirming.reason, confirm: true },
            (d) => d.addHallClosure,
            (a) => message.success(closedText(a)),
          ).then(() => setConfirming(null));
        }}
      >
        <Typography.Paragraph>{confirming?.text}</Typography.Paragraph>
      </Modal>
    </div>
  );
}

function OpeningHours({
  hall,
  busy,
  onSave,
}: {
  hall: Hall;
  busy: boolean;
  onSave: (hours: OpeningIntervalInput[]) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [texts, setTexts] = useState(() => WEEKDAYS.map((d) => hoursText(hall, d)));
  const save = () => {
    const hours: OpeningIntervalInput[] = [];
    for (const weekday of WEEKDAYS) {
      for (const part of (texts[weekday - 1] ?? '').split(/[,，]/).filter((p) => p.trim())) {
        const [, opens, closes] = INTERVAL.exec(part) ?? [];
        if (!opens || !closes) {
          message.error(t('hallsBadInterval', { day: t(`hallsWeekday${weekday}` as MessageKey) }));
          return;
        }
        hours.push({ weekday, opens, closes });
      }
    }
    onSave(hours);
  };
  return (
    <Card title={<h3 className="halls-card-title">{t('hallsHours')}</h3>} size="small">
      <Typography.Paragraph type="secondary">{t('hallsHoursHelp')}</Typography.Paragraph>
      <div className="halls-hours">
        {WEEKDAYS.map((weekday) => (
          <label key={weekday} className="halls-hours-row">
            <span>{t(`hallsWeekday${weekday}` as MessageKey)}</span>
            <Input
              value={texts[weekday - 1]}
              placeholder={t('hallsClosedTag')}
              data-testid={`hours-${weekday}`}
              onChange={(e) => setTexts((all) => all.map((v, i) => (i === weekday - 1 ? e.target.value : v)))}
            />
          </label>
        ))}
      </div>
      <Button type="primary" loading={busy} onClick={save}>
        {t('hallsSaveHours')}
      </Button>
    </Card>
  );
}

interface WindowChange {
  windowId?: string | null;
  name: Localized;
  slotMinutes: number;
  capacity: number;
  active: boolean;
}

function Windows({ hall, busy, onSave }: { hall: Hall; busy: boolean; onSave: (w: WindowChange) => void }) {
  const { t, pick } = useI18n();
  const [edits, setEdits] = useState<Record<string, WindowChange>>({});
  const [form] = Form.useForm<{ zh: string; en: string; slotMinutes: number; capacity: number }>();
  const edited = (w: Window): WindowChange =>
    edits[w.id] ?? { windowId: w.id, name: w.name, slotMinutes: w.slotMinutes, capacity: w.capacity, active: w.active };
  const edit = (w: Window, change: Partial<WindowChange>) =>
    setEdits((all) => ({ ...all, [w.id]: { ...edited(w), ...change } }));
  return (
    <Card title={<h3 className="halls-card-title">{t('hallsWindows')}</h3>} size="small">
      <Table<Window>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={hall.windows}
        locale={{ emptyText: <span className="halls-empty">{t('hallsNoWindows')}</span> }}
        columns={[
          {
            title: t('hallsWindowName'),
            render: (_, w) => (
              <Input
                aria-label={`${t('hallsWindowName')} ${pick(w.name)}`}
                value={edited(w).name.zh}
                onChange={(e) => edit(w, { name: { ...edited(w).name, zh: e.target.value } })}
              />
            ),
          },
          {
            title: t('hallsActive'),
            render: (_, w) => (
              <Switch
                aria-label={`${t('hallsActive')} ${pick(w.name)}`}
                checked={edited(w).active}
                onChange={(active) => edit(w, { active })}
              />
            ),
          },
          {
            title: t('hallsSlotMinutes'),
            render: (_, w) => (
              <InputNumber
                aria-label={`${t('hallsSlotMinutes')} ${pick(w.name)}`}
                min={5}
                max={240}
                value={edited(w).slotMinutes}
                onChange={(v) => edit(w, { slotMinutes: v ?? w.slotMinutes })}
              />
            ),
          },
          {
            title: t('hallsCapacity'),
            render: (_, w) => (
              <InputNumber
                aria-label={`${t('hallsCapacity')} ${pick(w.name)}`}
                min={1}
                max={100}
                value={edited(w).capacity}
                onChange={(v) => edit(w, { capacity: v ?? w.capacity })}
              />
            ),
          },
          {
            title: t('hallsActions'),
            render: (_, w) => (
              <Button loading={busy} onClick={() => onSave(edited(w))}>
                {t('hallsSave')}
              </Button>
            ),
          },
        ]}
      />
      <Form
        form={form}
        layout="inline"
        className="halls-add"
        initialValues={{ slotMinutes: 30, capacity: 1 }}
        onFinish={(v) => {
          onSave({
            name: { zh: v.zh, en: v.en || v.zh },
            slotMinutes: v.slotMinutes,
            capacity: v.capacity,
            active: true,
          });
          form.resetFields();
        }}
      >
        <Form.Item name="zh" label={t('hallsWindowName')} rules={[{ required: true, message: t('hallsWindowName') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="en" label={t('hallsWindowNameEn')}>
          <Input />
        </Form.Item>
        <Form.Item name="slotMinutes" label={t('hallsSlotMinutes')}>
          <InputNumber min={5} max={240} />
        </Form.Item>
        <Form.Item name="capacity" label={t('hallsCapacity')}>
          <InputNumber min={1} max={100} />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t('hallsAddWindow')}
        </Button>
      </Form>
    </Card>
  );
}

function Closures({
  hall,
  busy,
  onAdd,
  onRemove,
}: {
  hall: Hall;
  busy: boolean;
  onAdd: (day: string, reason: string, confirm: boolean) => void;
  onRemove: (id: string) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ day: string; reason: string }>();
  return (
    <Card title={<h3 className="halls-card-title">{t('hallsClosures')}</h3>} size="small">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={hall.closures}
        locale={{ emptyText: <span className="halls-empty">{t('hallsNoClosures')}</span> }}
        columns={[
          { title: t('hallsDay'), dataIndex: 'day' },
          { title: t('hallsReason'), dataIndex: 'reason' },
          {
            title: t('hallsActions'),
            render: (_, c) => (
              <Popconfirm title={t('hallsRemoveConfirm')} onConfirm={() => onRemove(c.id)}>
                <Button loading={busy}>{t('hallsRemove')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Form
        form={form}
        layout="inline"
        className="halls-add"
        initialValues={{ day: chinaDay(1) }}
        onFinish={(v) => {
          onAdd(v.day, v.reason, false);
          form.resetFields(['reason']);
        }}
      >
        <Form.Item name="day" label={t('hallsDay')} rules={[{ required: true, message: t('hallsDay') }]}>
          <Input type="date" min={chinaDay()} />
        </Form.Item>
        <Form.Item name="reason" label={t('hallsReason')} rules={[{ required: true, message: t('hallsReason') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t('hallsAddClosure')}
        </Button>
      </Form>
    </Card>
  );
}

function Slots({
  days,
  busy,
  onPublish,
}: {
  days: HallsDaysQuery['hallDays'];
  busy: boolean;
  onPublish: (from: string, to: string) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ from: string; to: string }>();
  return (
    <Card title={<h3 className="halls-card-title">{t('hallsSlots')}</h3>} size="small">
      <Typography.Paragraph type="secondary">{t('hallsPublishHelp')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        className="halls-add"
        initialValues={{ from: chinaDay(1), to: chinaDay(7) }}
        onFinish={(v) => onPublish(v.from, v.to)}
      >
        <Form.Item name="from" label={t('hallsFrom')} rules={[{ required: true, message: t('hallsFrom') }]}>
          <Input type="date" min={chinaDay()} max={chinaDay(60)} />
        </Form.Item>
        <Form.Item name="to" label={t('hallsTo')} rules={[{ required: true, message: t('hallsTo') }]}>
          <Input type="date" min={chinaDay()} max={chinaDay(60)} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('hallsPublish')}
        </Button>
      </Form>
      <Table
        rowKey="day"
        size="small"
        pagination={false}
        dataSource={days}
        data-testid="hall-days"
        locale={{ emptyText: <span className="halls-empty">{t('hallsNoSlots')}</span> }}
        columns={[
          { title: t('hallsDay'), dataIndex: 'day' },
          {
            title: t('status'),
            render: (_, d) =>
              d.closed ? <Tag>{t('hallsClosedTag')}</Tag> : <Tag color="green">{t('hallsOpenTag')}</Tag>,
          },
          { title: t('hallsSlotsCount'), dataIndex: 'slots' },
          { title: t('hallsPlaces'), dataIndex: 'capacity' },
          { title: t('hallsBooked'), dataIndex: 'booked' },
        ]}
      />
    </Card>
  );
}
