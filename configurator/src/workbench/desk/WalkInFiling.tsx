import { Alert, App, Button, Card, List, Radio, Space, Spin, Tag, Typography, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { request } from '../../api/request';
import type { FormSchema, FormUi, Matter } from '../../document/matter';
import type {
  DeskSaveApplicationMutation,
  DeskSignCommitmentMutation,
  DeskSubmitApplicationMutation,
  DeskUploadMaterialMutation,
  DeskWalkInApplicationQuery,
} from '../../generated/citizen';
import type { DeskConfirmWalkInMutation, DeskStartWalkInMutation } from '../../generated/graphql';
import type { MessageKey } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/I18nProvider';
import { AnswersForm } from '../../preview/AnswersForm';
import type { RuleData } from '../../preview/previewForm';
import { citizenRequest, citizenUpload } from './citizenRequest';
import {
  DESK_CONFIRM_WALK_IN,
  DESK_SAVE_APPLICATION,
  DESK_SIGN_COMMITMENT,
  DESK_SUBMIT_APPLICATION,
  DESK_UPLOAD_MATERIAL,
  DESK_WALK_IN_APPLICATION,
} from './operations';
import type { Problem } from './splitProblems';

export type Started = Extract<DeskStartWalkInMutation['startWalkIn'], { __typename: 'WalkIn' }>;
type Filing = NonNullable<DeskWalkInApplicationQuery['application']>;
type Guide = NonNullable<NonNullable<Filing['matter']>['guide']>;
type Answers = Pick<RuleData, 'answers' | 'situation'>;
/** What a citizen-side mutation answers: done, or refused with each input at fault. */
type Outcome = { __typename: string; message?: { zh: string; en: string }; errors?: Problem[] };

/** The matter as the form renderer reads a draft: its situation questions and its form. */
function matterOf(code: string, guide: Guide): Matter {
  return {
    code,
    situations: guide.situations.map((s) => ({ ...s, default: s.default ?? undefined })),
    form: { schema: guide.formSchema as FormSchema, ui: guide.uiSchema as FormUi },
  };
}

/** The walk-in's filing at the counter, through the citizen API with their token: the form, the
 * materials (scanned, or a commitment signed), the checklist and run count, then the citizen's
 * confirmation and the submission. */
export function WalkInFiling({ started, onFiled }: { started: Started; onFiled: (id: string) => void }) {
  const { t, pick, lang } = useI18n();
  const { message } = App.useApp();
  const { token, applicationId: id } = started;
  const [filing, setFiling] = useState<Filing | null>(null);
  const [answers, setAnswers] = useState<Answers | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [delivery, setDelivery] = useState<string>();
  const [method, setMethod] = useState('signature');
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      citizenRequest<DeskWalkInApplicationQuery, { id: string }>(DESK_WALK_IN_APPLICATION, { id }, token).then(
        ({ application }) => {
          setFiling(application);
          setAnswers(
            (now) =>
              now ?? {
                answers: (application?.answers ?? {}) as Record<string, unknown>,
                situation: {
                  ...Object.fromEntries(
                    (application?.matter?.guide?.situations ?? []).map((q) => [q.id, q.default ?? undefined]),
                  ),
                  ...(application?.situation as Record<string, unknown>),
                },
              },
          );
          setDelivery((now) => now ?? application?.matter?.guide?.delivery[0]);
        },
      ),
    [id, token],
  );
  useEffect(() => {
    load().catch((e: Error) => message.error(e.message));
  }, [load, message]);

  /** Runs the steps in order; the first refusal stops them and is shown. */
  const act = async (...steps: (() => Promise<Outcome>)[]): Promise<boolean> => {
    setBusy(true);
    setProblems([]);
    try {
      for (const step of steps) {
        const result = await step();
        if (result.message) {
          setProblems([{ path: '', message: result.message }, ...(result.errors ?? [])]);
          return false;
        }
      }
      return true;
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
      await load().catch(() => undefined);
    }
  };

  if (!filing?.matter?.guide || !answers) return <Spin size="large" className="centered" />;
  const guide = filing.matter.guide;
  const evaluation = filing.evaluation;
  const titleOf = (path: string): string => {
    const [, kind, name = ''] = path.split('/');
    if (kind === 'answers') {
      const schema = (guide.formSchema as FormSchema).properties?.[name];
      return (lang === 'en' && schema?.['x-title-en']) || schema?.title || name;
    }
    if (kind === 'materials') return pick(guide.materials.find((m) => m.id === name)?.name) || name;
    return '';
  };

  const save = async (): Promise<Outcome> => {
    const variables = { id, answers: answers.answers, situation: answers.situation };
    const data = await citizenRequest<DeskSaveApplicationMutation, typeof variables>(
      DESK_SAVE_APPLICATION,
      variables,
      token,
    );
    return data.saveApplication;
  };
  const upload = (material: string, file: File) =>
    void act(async () => {
      const data = await citizenUpload<DeskUploadMaterialMutation>(DESK_UPLOAD_MATERIAL, { id, material }, file, token);
      return data.uploadMaterial;
    });
  const sign = (material: string) =>
    void act(async () => {
      const variables = { id, material };
      const data = await citizenRequest<DeskSignCommitmentMutation, typeof variables>(
        DESK_SIGN_COMMITMENT,
        variables,
        token,
      );
      return data.signCommitment;
    });
  const confirm = async (): Promise<Outcome> =>
    (await request<DeskConfirmWalkInMutation, { id: string; method: string }>(DESK_CONFIRM_WALK_IN, { id, method }))
      .confirmWalkIn;
  const submit = async (): Promise<Outcome> => {
    const variables = { id, deliveryMode: delivery ?? null };
    const data = await citizenRequest<DeskSubmitApplicationMutation, typeof variables>(
      DESK_SUBMIT_APPLICATION,
      variables,
      token,
    );
    return data.submitApplication;
  };
  const file = () =>
    void act(save, confirm, submit).then((done) => {
      if (!done) return;
      message.success(t('deskFiled'));
      onFiled(id);
    });

  return (
    <div className="page desk-page">
      <Typography.Title level={2}>
        {t('deskFilingTitle', { name: started.citizenName, matter: pick(filing.matter.name) })}
      </Typography.Title>
      <Space wrap className="gap-below">
        {started.identityVerified ? (
          <Tag color="green">{t('deskIdentityVerified')}</Tag>
        ) : (
          <Tag color="orange">
            {t('deskIdentityByHand')}
          </Tag>
        )}
        <span>{t('deskVisitReasons')}</span>
        {started.visitReasons.map((reason) => (
          <Tag key={reason.zh}>{pick(reason)}</Tag>
        ))}
      </Space>
      <Card title={t('deskForm')} size="small" className="gap-below">
        <AnswersForm
          matter={matterOf(filing.matter.code, guide)}
          data={{ ...answers, applicant: {} }}
          onChange={setAnswers}
        />
        <Button onClick={() => void act(save).then((done) => done && message.success(t('deskSaved')))} loading={busy}>
          {t('deskSave')}
        </Button>
      </Card>
      <Card title={t('deskMaterials')} size="small" className="gap-below">
        <List
          dataSource={(evaluation?.materials ?? []).filter((m) => m.status !== 'NOT_REQUIRED')}
          renderItem={(m) => {
            const name = pick(guide.materials.find((g) => g.id === m.id)?.name) || m.id;
            const ways = guide.materials.find((g) => g.id === m.id)?.ways ?? [];
            const accept = ways.find((w) => w.kind === 'upload')?.accept?.join(',');
            return (
              <List.Item key={m.id} data-material={m.id}>
                <Space wrap>
                  <Typography.Text strong>{name}</Typography.Text>
                  <Tag color={m.status.startsWith('TO_') ? 'orange' : 'green'}>
                    {t(`deskMaterial_${m.status}` as MessageKey)}
                  </Tag>
                  {m.evidence && <Typography.Text type="secondary">{pick(m.evidence)}</Typography.Text>}
                </Space>
                <Space wrap>
                  {accept && (
                    <Upload
                      accept={accept}
                      showUploadList={false}
                      beforeUpload={(picked) => {
                        upload(m.id, picked);
                        return false;
                      }}
                    >
                      <Button aria-label={t('deskScanOf', { name })} disabled={busy}>
                        {t('deskScan')}
                      </Button>
                    </Upload>
                  )}
                  {m.status === 'TO_SIGN' && (
                    <Button onClick={() => sign(m.id)} disabled={busy} aria-label={t('deskSignOf', { name })}>
                      {t('deskSign')}
                    </Button>
                  )}
                </Space>
              </List.Item>
            );
          }}
        />
      </Card>
      {evaluation && (
        <Card title={t('deskChecklist')} size="small" className="gap-below">
          <Space wrap>
            <Tag color={evaluation.eligible ? 'green' : 'red'}>
              {evaluation.eligible ? t('deskEligible') : t('deskNotEligible')}
            </Tag>
            <Typography.Text strong>{t('clerkRuns', { n: evaluation.runCount })}</Typography.Text>
            {evaluation.trips.map((trip) => (
              <Tag key={`${trip.visit}-${trip.reason.zh}`}>{pick(trip.reason)}</Tag>
            ))}
          </Space>
          {evaluation.eligibility
            .filter((rule) => !rule.passed)
            .map((rule) => (
              <Typography.Paragraph key={rule.id} type="danger">
                {pick(rule.message)}
              </Typography.Paragraph>
            ))}
        </Card>
      )}
      <Card title={t('deskConfirmation')} size="small" className="gap-below">
        <fieldset className="desk-fieldset">
          <legend>{t('deskDelivery')}</legend>
          <Radio.Group value={delivery} onChange={(e) => setDelivery(e.target.value as string)}>
            {guide.delivery.map((mode) => (
              <Radio key={mode} value={mode}>
                {t(`deskDelivery_${mode}` as MessageKey)}
              </Radio>
            ))}
          </Radio.Group>
        </fieldset>
        <fieldset className="desk-fieldset">
          <legend>{t('deskConfirmMethod')}</legend>
          <Radio.Group value={method} onChange={(e) => setMethod(e.target.value as string)}>
            <Radio value="signature">{t('deskMethod_signature')}</Radio>
            <Radio value="paper">{t('deskMethod_paper')}</Radio>
          </Radio.Group>
        </fieldset>
        {problems.length > 0 && (
          <Alert
            className="gap-below"
            type="error"
            showIcon
            role="alert"
            message={pick(problems[0]?.message)}
            description={
              <ul className="desk-problems">
                {problems.slice(1).map((p) => (
                  <li key={`${p.path}-${p.message.zh}`}>
                    {titleOf(p.path) && <strong>{titleOf(p.path)}：</strong>}
                    {pick(p.message)}
                  </li>
                ))}
              </ul>
            }
          />
        )}
        <Button type="primary" onClick={file} loading={busy}>
          {t('deskConfirmAndSubmit')}
        </Button>
      </Card>
    </div>
  );
}
