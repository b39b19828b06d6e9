import { Button, Descriptions, Empty, List, Table, Tag, Timeline, Typography, Upload } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import type { Application } from './Dialogs';
import { FilePreview } from './FilePreview';
import { textOf } from './StatusTag';

/** An answer's value as the clerk reads it. */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是 / Yes' : '否 / No';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

type Answer = Application['answerList'][number];

export function Answers({ app }: { app: Application }) {
  const { t, pick, time } = useI18n();
  return (
    <Table<Answer>
      rowKey="field"
      size="small"
      pagination={false}
      dataSource={app.answerList}
      columns={[
        { title: t('clerkField'), width: 220, render: (_, a) => pick(a.title) },
        { title: t('clerkValue'), render: (_, a) => shown(a.value) },
        {
          title: t('clerkProvenance'),
          width: 360,
          render: (_, a) =>
            a.provenance ? (
              <>
                <Tag color="blue">
                  {t('clerkShared', {
                    source: pick(a.provenance.sourceName),
                    time: a.provenance.fetchedAt ? time(a.provenance.fetchedAt) : '—',
                  })}
                </Tag>
                {a.provenance.edited && <Tag color="orange">{t('clerkSharedEdited')}</Tag>}
              </>
            ) : (
              <Typography.Text type="secondary">{t('clerkFilled')}</Typography.Text>
            ),
        },
      ]}
    />
  );
}

export function Materials({ app }: { app: Application }) {
  const { t, pick } = useI18n();
  return (
    <List
      dataSource={app.materials}
      renderItem={(m) => (
        <List.Item key={m.id}>
          <div className="full-width">
            <Typography.Text strong>{pick(m.name)}</Typography.Text>{' '}
            <Tag color={m.evidence.kind === 'missing' ? 'red' : 'green'}>
              {textOf(t, 'clerkEvidence_', m.evidence.kind)}
            </Tag>
            {m.evidence.text && <Typography.Paragraph>{pick(m.evidence.text)}</Typography.Paragraph>}
            {m.evidence.file && <FilePreview file={m.evidence.file} />}
          </div>
        </List.Item>
      )}
    />
  );
}

export function Situation({ app }: { app: Application }) {
  const entries = Object.entries((app.situation ?? {}) as Record<string, unknown>);
  if (entries.length === 0) return <Empty />;
  return (
    <Descriptions size="small" column={1} bordered>
      {entries.map(([key, value]) => (
        <Descriptions.Item key={key} label={key}>
          {shown(value)}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

export function Parties({ app }: { app: Application }) {
  const { t, pick } = useI18n();
  if (app.parties.length === 0) return <Empty description={t('clerkNoParties')} />;
  return (
    <List
      dataSource={app.parties}
      renderItem={(p) => (
        <List.Item key={p.party}>
          <Typography.Text strong>{pick(p.name)}</Typography.Text>
          <span>{p.personName ?? '—'}</span>
          {p.status && <Tag>{textOf(t, 'clerkPartyStatus_', p.status)}</Tag>}
        </List.Item>
      )}
    />
  );
}

/** The materials accepted without (容缺受理), each due by its date; one that arrives at the
 * window is recorded by its "已收到" (its original seen), with its scan when the window keeps one. */
export function Deferred({
  app,
  onArrived,
}: {
  app: Application;
  onArrived: (materialId: string, scan?: File) => void;
}) {
  const { t, pick } = useI18n();
  return (
    <section aria-labelledby="clerk-deferred" className="gap-below">
      <Typography.Title level={4} id="clerk-deferred">
        {t('clerkDeferred')}
      </Typography.Title>
      <List
        size="small"
        bordered
        dataSource={app.deferred}
        renderItem={(d) => (
          <List.Item
            key={d.materialId}
            data-deferred={d.materialId}
            actions={
              d.receivedAt
                ? []
                : [
                    <Button
                      key="arrived"
                      size="small"
                      aria-label={t('deskArrivedOf', { name: pick(d.name) })}
                      onClick={() => onArrived(d.materialId)}
                    >
                      {t('deskArrived')}
                    </Button>,
                    <Upload
                      key="scan"
                      accept=".pdf,.jpg,.jpeg,.png"
                      showUploadList={false}
                      beforeUpload={(file) => {
                        onArrived(d.materialId, file);
                        return false; // sent with the mutation, not by the Upload's own request
                      }}
                    >
                      <Button size="small" aria-label={t('deskArrivedScanOf', { name: pick(d.name) })}>
                        {t('deskArrivedScan')}
                      </Button>
                    </Upload>,
                  ]
            }
          >
            <Typography.Text strong>{pick(d.name)}</Typography.Text>{' '}
            {d.receivedAt ? (
              <Tag color="green">{t('clerkArrived')}</Tag>
            ) : (
              <Typography.Text>{t('clerkDueBy', { date: d.dueOn })}</Typography.Text>
            )}
            {d.overdue && !d.receivedAt && <Tag color="red">{t('clerkOverdue')}</Tag>}
          </List.Item>
        )}
      />
    </section>
  );
}

export function Progress({ app }: { app: Application }) {
  const { t, pick, time } = useI18n();
  return (
    <>
      {app.tasks.length > 0 && (
        <>
          <Typography.Title level={4}>{t('clerkTasks')}</Typography.Title>
          <List
            className="gap-below"
            dataSource={app.tasks}
            renderItem={(task) => (
              <List.Item key={task.id}>
                {task.departmentName} · {task.status} · {task.dueOn ?? '—'}
                {task.opinion ? ` · ${task.opinion}` : ''}
              </List.Item>
            )}
          />
        </>
      )}
      <Timeline
        items={app.timeline.map((entry) => ({
          children: (
            <>
              <Typography.Text strong>{pick(entry.message)}</Typography.Text>
              <div>
                {time(entry.at)}
                {entry.actedBy ? ` · ${entry.actedBy}` : ''}
              </div>
            </>
          ),
        }))}
      />
    </>
  );
}
