import { App, Button, Card, Descriptions, Table, Tag, Typography } from 'antd';
import { session } from '../../api/session';
import type { ReviewApplicationQuery } from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';

type Application = NonNullable<ReviewApplicationQuery['staffApplication']>;
type Material = Application['materials'][number];
type StaffFile = NonNullable<Material['evidence']['file']>;

const EVIDENCE = {
  e_license: 'reviewEvidence_e_license',
  shared_data: 'reviewEvidence_shared_data',
  commitment: 'reviewEvidence_commitment',
  upload: 'reviewEvidence_upload',
  deferred: 'reviewEvidence_deferred',
  window_original: 'reviewEvidence_window_original',
  missing: 'reviewEvidence_missing',
} as const;

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A file opened in a new tab: fetched with the staff token (the read is audited). */
export function OpenFile({ file }: { file: Pick<StaffFile, 'url' | 'filename'> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const open = () => {
    const token = session.token();
    fetch(file.url, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.blob();
      })
      .then((blob) => window.open(URL.createObjectURL(blob), '_blank', 'noopener'))
      .catch(() => message.error(t('reviewFileFailed')));
  };
  return (
    <Button size="small" onClick={open}>
      {t('reviewOpenFile', { name: file.filename })}
    </Button>
  );
}

/** What the citizen submitted, read-only: who, every answer with its source, every material
 * with the evidence that satisfies it. */
export function ApplicationPanel({ app }: { app: Application }) {
  const { t, pick, time } = useI18n();
  return (
    <Card
      title={
        <span role="heading" aria-level={3}>
          {t('reviewApplication')}
        </span>
      }
    >
      <Descriptions size="small" column={{ xs: 1, xl: 2 }} className="gap-below">
        <Descriptions.Item label={t('reviewApplicant')}>{app.applicant?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('reviewResidentId')}>{app.applicant?.residentId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('reviewMobile')}>{app.applicant?.mobile ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('reviewSubmittedAt')}>
          {app.submittedAt ? time(app.submittedAt) : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={4}>{t('reviewAnswers')}</Typography.Title>
      <Table
        aria-label={t('reviewAnswers')}
        size="small"
        rowKey="field"
        pagination={false}
        dataSource={app.answerList}
        className="gap-below"
        columns={[
          { title: t('reviewField'), width: '35%', render: (_, a) => pick(a.title) },
          { title: t('reviewValue'), render: (_, a) => <span className="review-value">{shown(a.value)}</span> },
          {
            title: t('reviewSource'),
            width: '30%',
            render: (_, a) =>
              a.provenance ? (
                <Tag>{t('reviewShared', { source: pick(a.provenance.sourceName) })}</Tag>
              ) : (
                <Typography.Text>{t('reviewFilled')}</Typography.Text>
              ),
          },
        ]}
      />
      <Typography.Title level={4}>{t('reviewMaterials')}</Typography.Title>
      <Table<Material>
        aria-label={t('reviewMaterials')}
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={app.materials}
        columns={[
          { title: t('reviewMaterial'), width: '35%', render: (_, m) => pick(m.name) },
          {
            title: t('reviewEvidence'),
            render: (_, m) => {
              const key = EVIDENCE[m.evidence.kind as keyof typeof EVIDENCE] as
                (typeof EVIDENCE)[keyof typeof EVIDENCE] | undefined;
              return (
                <span>
                  <Tag>{key ? t(key) : m.evidence.kind}</Tag>
                  {m.evidence.text && <Typography.Text>{pick(m.evidence.text)} </Typography.Text>}
                  {m.evidence.file && <OpenFile file={m.evidence.file} />}
                </span>
              );
            },
          },
        ]}
      />
    </Card>
  );
}
