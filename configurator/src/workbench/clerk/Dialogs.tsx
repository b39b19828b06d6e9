import type React from 'react';
import { Button, Checkbox, DatePicker, Form, Input, Modal, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import type { ClerkApplicationQuery } from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import { correctionItems } from './correctionItems';

export type Application = NonNullable<ClerkApplicationQuery['staffApplication']>;
export type Action = 'accept' | 'reject' | 'correct' | 'dispatch' | 'arrived' | 'handover' | 'pay';
/** Sends the action; true when it was done (the dialog closes). */
export type Send = (action: Action, variables: Record<string, unknown>) => Promise<boolean>;

interface DialogProps {
  app: Application;
  open: boolean;
  onClose: () => void;
  send: Send;
}

interface FooterProps {
  onClose: () => void;
  label: string;
  busy: boolean;
  confirm?: React.Ref<HTMLButtonElement>;
}

function Footer({ onClose, label, busy, confirm }: FooterProps) {
  const { t } = useI18n();
  return (
    <Space>
      <Button onClick={onClose}>{t('clerkCancel')}</Button>
      <Button type="primary" htmlType="submit" loading={busy} ref={confirm}>
        {label}
      </Button>
    </Space>
  );
}

/** 受理, with the materials accepted without (容缺受理) and their due dates. */
export function AcceptDialog({ app, open, onClose, send }: DialogProps) {
  const { t, pick } = useI18n();
  const [busy, setBusy] = useState(false);
  const [deferred, setDeferred] = useState<Record<string, Dayjs | null>>({});
  const confirm = useRef<HTMLButtonElement>(null);
  const missing = app.materials.filter((m) => m.evidence.kind === 'missing' || m.status === 'bring_original');
  const submit = async () => {
    setBusy(true);
    const chosen = Object.entries(deferred).map(([materialId, due]) => ({
      materialId,
      dueOn: due ? due.format('YYYY-MM-DD') : '',
    }));
    await send('accept', { id: app.id, deferred: chosen.length ? chosen : null });
    setBusy(false);
  };
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('clerkAcceptTitle')}
      footer={null}
      destroyOnHidden
      afterOpenChange={(opened) => opened && confirm.current?.focus()}
    >
      <Form layout="vertical" onFinish={() => void submit()}>
        <Typography.Paragraph>{t('clerkAcceptIntro')}</Typography.Paragraph>
        {missing.map((m) => (
          <Space key={m.id} wrap className="gap-below">
            <Checkbox
              checked={m.id in deferred}
              onChange={(e) =>
                setDeferred(({ [m.id]: _, ...rest }) => (e.target.checked ? { ...rest, [m.id]: null } : rest))
              }
            >
              {t('clerkDeferThis', { name: pick(m.name) })}
            </Checkbox>
            {m.id in deferred && (
              <DatePicker
                aria-label={`${t('clerkDueOn')}: ${pick(m.name)}`}
                value={deferred[m.id]}
                onChange={(value) => setDeferred((d) => ({ ...d, [m.id]: value }))}
              />
            )}
          </Space>
        ))}
        <Footer onClose={onClose} label={t('clerkConfirmAccept')} busy={busy} confirm={confirm} />
      </Form>
    </Modal>
  );
}

/** 不予受理: the reason and its legal basis, both required. */
export function RejectDialog({ app, open, onClose, send }: DialogProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const submit = async (values: { reason: string; legalBasis: string }) => {
    setBusy(true);
    await send('reject', { id: app.id, reason: values.reason.trim(), legalBasis: values.legalBasis.trim() });
    setBusy(false);
  };
  return (
    <Modal open={open} onCancel={onClose} title={t('clerkRejectTitle')} footer={null} destroyOnHidden>
      <Form layout="vertical" onFinish={(values: { reason: string; legalBasis: string }) => void submit(values)}>
        <Form.Item
          name="reason"
          label={t('clerkReason')}
          rules={[{ required: true, whitespace: true, message: t('clerkReasonMissing') }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Form.Item
          name="legalBasis"
          label={t('clerkLegalBasis')}
          rules={[{ required: true, whitespace: true, message: t('clerkLegalBasisMissing') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Footer onClose={onClose} label={t('clerkConfirmReject')} busy={busy} />
      </Form>
    </Modal>
  );
}

/** 一次性告知: tick answers and materials, a reason for each, one notice. */
export function CorrectionDialog({ app, open, onClose, send }: DialogProps) {
  const { t, pick } = useI18n();
  const [busy, setBusy] = useState(false);
  const [ticked, setTicked] = useState<Record<string, string>>({});
  const [justification, setJustification] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const entries = [
    ...app.answerList.map((a) => ({ path: `/answers/${a.field}`, name: pick(a.title) })),
    ...app.materials.map((m) => ({ path: `/materials/${m.id}`, name: pick(m.name) })),
  ];
  const submit = async () => {
    const draft = correctionItems(Object.entries(ticked).map(([path, reason]) => ({ path, reason })));
    if (draft.items.length === 0 && draft.missingReasons.length === 0) return setProblem(t('clerkNothingTicked'));
    if (draft.missingReasons.length > 0) return setProblem(t('clerkReasonsMissing'));
    setProblem(null);
    setBusy(true);
    await send('correct', { id: app.id, items: draft.items, justification: justification.trim() || null });
    setBusy(false);
  };
  const group = (title: string, prefix: string) => (
    <fieldset className="gap-below clerk-fieldset">
      <legend>{title}</legend>
      {entries
        .filter((e) => e.path.startsWith(prefix))
        .map((e) => (
          <div key={e.path}>
            <Checkbox
              checked={e.path in ticked}
              onChange={(ev) =>
                setTicked(({ [e.path]: _, ...rest }) => (ev.target.checked ? { ...rest, [e.path]: '' } : rest))
              }
            >
              {t('clerkCorrectItem', { name: e.name })}
            </Checkbox>
            {e.path in ticked && (
              <Input
                className="gap-below"
                aria-label={t('clerkReasonFor', { name: e.name })}
                placeholder={t('clerkReasonFor', { name: e.name })}
                maxLength={200}
                value={ticked[e.path]}
                onChange={(ev) => setTicked((all) => ({ ...all, [e.path]: ev.target.value }))}
              />
            )}
          </div>
        ))}
    </fieldset>
  );
  return (
    <Modal open={open} onCancel={onClose} title={t('clerkCorrectTitle')} footer={null} width={720} destroyOnHidden>
      <Form layout="vertical" onFinish={() => void submit()}>
        <Typography.Paragraph>{t('clerkCorrectIntro')}</Typography.Paragraph>
        {group(t('clerkCorrectAnswers'), '/answers/')}
        {group(t('clerkCorrectMaterials'), '/materials/')}
        <Form.Item label={t('clerkJustification')} htmlFor="clerk-justification">
          <Input
            id="clerk-justification"
            maxLength={500}
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
          />
        </Form.Item>
        {problem && (
          <Typography.Paragraph type="danger" role="alert">
            {problem}
          </Typography.Paragraph>
        )}
        <Footer onClose={onClose} label={t('clerkSendNotice')} busy={busy} />
      </Form>
    </Modal>
  );
}

/** 寄送: the courier's tracking number of a completed result. */
export function DispatchDialog({ app, open, onClose, send }: DialogProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const submit = async (values: { trackingNumber: string }) => {
    setBusy(true);
    await send('dispatch', { id: app.id, trackingNumber: values.trackingNumber.trim() });
    setBusy(false);
  };
  return (
    <Modal open={open} onCancel={onClose} title={t('clerkDispatchTitle')} footer={null} destroyOnHidden>
      <Form layout="vertical" onFinish={(values: { trackingNumber: string }) => void submit(values)}>
        <Form.Item
          name="trackingNumber"
          label={t('clerkTrackingNumber')}
          rules={[{ required: true, whitespace: true, message: t('clerkTrackingMissing') }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Footer onClose={onClose} label={t('clerkConfirmDispatch')} busy={busy} />
      </Form>
    </Modal>
  );
}
