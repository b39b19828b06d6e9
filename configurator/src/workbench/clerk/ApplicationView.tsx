import { Alert, App, Button, Descriptions, Empty, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { request } from '../../api/request';
import { uploadFile } from '../../api/uploadFile';
import type { ClerkApplicationQuery, ClerkApplicationQueryVariables } from '../../generated/graphql';
import type { MessageKey } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/I18nProvider';
import './clerk.css';
import { Deadline } from './Deadline';
import { Fees } from './Fees';
import { AcceptDialog, CorrectionDialog, DispatchDialog, RejectDialog, type Action, type Application } from './Dialogs';
import {
  CLERK_ACCEPT,
  CLERK_RECORD_DEFERRED_MATERIAL,
  CLERK_RECORD_DISPATCH,
  CLERK_RECORD_HANDOVER,
  CLERK_RECORD_WINDOW_PAYMENT,
  CLERK_REJECT,
  CLERK_REQUEST_CORRECTION,
} from './mutations';
import { outcome } from './outcome';
import { CLERK_APPLICATION } from './queries';
import { Answers, Deferred, Materials, Parties, Progress, Situation } from './Sections';
import { ApplicationStatusTag, textOf } from './StatusTag';

const SENT: Record<Action, { document: string; field: string }> = {
  accept: { document: CLERK_ACCEPT, field: 'acceptApplication' },
  reject: { document: CLERK_REJECT, field: 'rejectApplication' },
  correct: { document: CLERK_REQUEST_CORRECTION, field: 'requestCorrection' },
  dispatch: { document: CLERK_RECORD_DISPATCH, field: 'recordDispatch' },
  arrived: { document: CLERK_RECORD_DEFERRED_MATERIAL, field: 'recordDeferredMaterial' },
  handover: { document: CLERK_RECORD_HANDOVER, field: 'recordHandover' },
  pay: { document: CLERK_RECORD_WINDOW_PAYMENT, field: 'recordWindowPayment' },
};

/** One application in full, with the window's actions: Alt+A accepts, Alt+C asks for
 * corrections, Esc goes back to the queue. */
export function ApplicationView({ id, onBack }: { id: string; onBack: () => void }) {
  const { t, pick, time } = useI18n();
  const { message, modal } = App.useApp();
  const [app, setApp] = useState<Application | null | undefined>(undefined);
  const [dialog, setDialog] = useState<Action | null>(null);
  const [conflict, setConflict] = useState(false);
  const open = useRef(dialog);
  open.current = dialog;

  const load = useCallback(() => {
    setConflict(false);
    request<ClerkApplicationQuery, ClerkApplicationQueryVariables>(CLERK_APPLICATION, { id })
      .then((data) => setApp(data.staffApplication))
      .catch((e: Error) => {
        message.error(e.message);
        setApp(null);
      });
  }, [id, message]);
  useEffect(load, [load]);

  const waiting = app?.status === 'submitted';
  const completed = app?.status === 'completed';

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (open.current !== null) return;
      if (e.key === 'Escape') onBack();
      else if (e.altKey && e.code === 'KeyA' && waiting) setDialog('accept');
      else if (e.altKey && e.code === 'KeyC' && waiting) setDialog('correct');
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack, waiting]);

  const send = async (action: Action, variables: Record<string, unknown>, file?: File): Promise<boolean> => {
    const { document, field } = SENT[action];
    type Answer = Record<string, Parameters<typeof outcome>[0]>;
    try {
      const data = file
        ? await uploadFile<Answer>(document, variables, file)
        : await request<Answer, Record<string, unknown>>(document, variables);
      const result = data[field];
      if (!result) return false;
      const read = outcome(result);
      if (read.kind === 'refused') {
        const details = read.errors.map((error) => pick(error.message));
        message.error([pick(read.message), ...details].join(' '));
        return false;
      }
      setDialog(null);
      if (read.kind === 'conflict') setConflict(true);
      else {
        message.success(t(`clerkDone_${action}` as MessageKey));
        load();
      }
      return true;
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
      return false;
    }
  };

  if (app === undefined) return <Spin size="large" className="centered" />;
  if (app === null)
    return (
      <div className="page">
        <Button onClick={onBack}>{t('clerkBack')}</Button>
        <Empty description={t('clerkNotFound')} />
      </div>
    );

  const key = (keys: string) => (
    <kbd className="clerk-key" aria-hidden="true">
      {keys}
    </kbd>
  );
  const props = { app, onClose: () => setDialog(null), send };
  return (
    <div className="page">
      <div className="clerk-header">
        <Space wrap className="full-width" style={{ justifyContent: 'space-between' }}>
          <Space wrap>
            <Button onClick={onBack}>{t('clerkBack')}</Button>
            <Typography.Title level={2}>{pick(app.title) || app.matterCode || app.lifeEventCode}</Typography.Title>
            <ApplicationStatusTag status={app.status} />
          </Space>
          <Space wrap role="group" aria-label={t('clerkActions')}>
            {waiting && (
              <>
                <Button
                  type="primary"
                  onClick={() => setDialog('accept')}
                  aria-keyshortcuts="Alt+A"
                  title={t('clerkShortcut', { key: 'Alt+A' })}
                >
                  {t('clerkAccept')}
                  {key('Alt+A')}
                </Button>
                <Button
                  onClick={() => setDialog('correct')}
                  aria-keyshortcuts="Alt+C"
                  title={t('clerkShortcut', { key: 'Alt+C' })}
                >
                  {t('clerkCorrect')}
                  {key('Alt+C')}
                </Button>
                <Button danger className="clerk-reject" onClick={() => setDialog('reject')}>
                  {t('clerkReject')}
                </Button>
              </>
            )}
            {completed && <Button onClick={() => setDialog('dispatch')}>{t('clerkDispatch')}</Button>}
            {completed && app.deliveryMode === 'pickup' && !app.handedOverAt && (
              <Button
                onClick={() =>
                  modal.confirm({
                    title: t('deskHandover'),
                    okText: t('deskHandover'),
                    cancelText: t('clerkCancel'),
                    onOk: () => send('handover', { id: app.id }),
                  })
                }
              >
                {t('deskHandover')}
              </Button>
            )}
          </Space>
        </Space>
      </div>
      {conflict && (
        <Alert
          className="gap-below"
          type="warning"
          showIcon
          role="alert"
          message={t('clerkConflict')}
          action={<Button onClick={load}>{t('clerkRefresh')}</Button>}
        />
      )}
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} className="gap-below">
        <Descriptions.Item label={t('clerkNumber')}>
          <span className="clerk-number">{app.id}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('clerkApplicant')}>{app.applicant?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('clerkResidentId')}>{app.applicant?.residentId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('clerkMobile')}>{app.applicant?.mobile ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('clerkDeadline')}>
          {app.dueOn || !waiting ? (
            <Deadline dueOn={app.dueOn} provisional={app.dueProvisional} />
          ) : (
            t('clerkDueOnAccept')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('clerkChannel')}>
          {textOf(t, 'clerkChannel_', app.channel)}
          {app.receivedAt ? ` · ${pick(app.receivedAt.name)}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('clerkRunCount')}>
          {t('clerkRuns', { n: app.runCount.count })}{' '}
          {app.runCount.reasons.map((r) => (
            <Tag key={r.zh}>{pick(r)}</Tag>
          ))}
        </Descriptions.Item>
        {app.handedOverAt && (
          <Descriptions.Item label={t('deskHandover')}>
            {t('deskHandedOver', { time: time(app.handedOverAt) })}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Fees app={app} onRecord={() => send('pay', { id: app.id })} />
      {app.deferred.length > 0 && (
        <Deferred app={app} onArrived={(materialId, scan) => void send('arrived', { id: app.id, materialId }, scan)} />
      )}
      <Tabs
        items={[
          { key: 'answers', label: t('clerkTabAnswers'), children: <Answers app={app} /> },
          { key: 'materials', label: t('clerkTabMaterials'), children: <Materials app={app} /> },
          { key: 'situation', label: t('clerkTabSituation'), children: <Situation app={app} /> },
          { key: 'parties', label: t('clerkTabParties'), children: <Parties app={app} /> },
          { key: 'timeline', label: t('clerkTabTimeline'), children: <Progress app={app} /> },
        ]}
      />
      <AcceptDialog {...props} open={dialog === 'accept'} />
      <RejectDialog {...props} open={dialog === 'reject'} />
      <CorrectionDialog {...props} open={dialog === 'correct'} />
      <DispatchDialog {...props} open={dialog === 'dispatch'} />
    </div>
  );
}
