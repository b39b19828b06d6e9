import { App, Button, Card, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { request } from '../../api/request';
import type {
  DiffFieldsFragment,
  MatterDiffQuery,
  MatterDiffQueryVariables,
  MatterFieldsFragment,
  RestoreVersionMutation,
  RestoreVersionMutationVariables,
} from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import { RESTORE_VERSION } from '../mutations';
import { MATTER_DIFF } from '../queries';
import { DiffTable } from './DiffTable';
import { ExportButton } from './ExportButton';

type Version = MatterFieldsFragment['versions'][number];
const DRAFT = 0;

/** Published versions, newest first: compare any two (or one with the draft), restore one. */
export function VersionHistory({
  authored,
  onAccept,
}: {
  authored: MatterFieldsFragment;
  onAccept: (m: MatterFieldsFragment) => void;
}) {
  const { t, pick, time } = useI18n();
  const { message } = App.useApp();
  const versions = authored.versions;
  const [from, setFrom] = useState<number | undefined>(versions[1]?.number ?? versions[0]?.number);
  const [to, setTo] = useState<number>(versions[1] ? (versions[0]?.number ?? DRAFT) : DRAFT);
  const [diff, setDiff] = useState<DiffFieldsFragment[] | null>(null);

  const compare = () => {
    if (from === undefined) return;
    request<MatterDiffQuery, MatterDiffQueryVariables>(MATTER_DIFF, {
      code: authored.code,
      fromVersion: from,
      toVersion: to === DRAFT ? null : to,
    })
      .then((data) => setDiff(data.matterDiff))
      .catch((e: Error) => message.error(e.message));
  };
  const restore = (number: number) =>
    request<RestoreVersionMutation, RestoreVersionMutationVariables>(RESTORE_VERSION, {
      code: authored.code,
      version: number,
    })
      .then(({ restoreVersion }) => {
        if (restoreVersion.__typename === 'AuthoredMatter') {
          onAccept(restoreVersion);
          message.success(t('restored', { version: number }));
        } else message.error(pick(restoreVersion.message));
      })
      .catch((e: Error) => message.error(e.message));

  const options = versions.map((v) => ({ value: v.number, label: `v${v.number}` }));
  return (
    <Card title={t('sectionVersions')} className="section">
      <Table<Version>
        rowKey="number"
        size="small"
        dataSource={versions}
        pagination={false}
        locale={{ emptyText: t('noVersions') }}
        columns={[
          { title: t('version'), dataIndex: 'number', width: 80, render: (n: number) => `v${n}` },
          { title: t('publishNote'), dataIndex: 'note' },
          { title: t('author'), dataIndex: 'author', width: 140 },
          { title: t('publishedAt'), dataIndex: 'publishedAt', width: 200, render: (at: string) => time(at) },
          {
            title: '',
            width: 260,
            render: (_, v) => (
              <Space>
                <ExportButton code={authored.code} version={v.number} label={t('export')} />
                <Popconfirm
                  title={t('restoreConfirm', { version: v.number })}
                  okText={t('restore')}
                  cancelText={t('cancel')}
                  onConfirm={() => restore(v.number)}
                >
                  <Button>{t('restore')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {versions.length > 0 && (
        <Space className="compare" wrap>
          <Typography.Text>{t('compareFrom')}</Typography.Text>
          <Select className="version-select" value={from} onChange={setFrom} options={options} />
          <Typography.Text>{t('compareTo')}</Typography.Text>
          <Select
            className="version-select"
            value={to}
            onChange={setTo}
            options={[...options, { value: DRAFT, label: t('theDraft') }]}
          />
          <Button onClick={compare}>{t('compare')}</Button>
        </Space>
      )}
      {diff && <DiffTable entries={diff} testId="version-diff" />}
    </Card>
  );
}
