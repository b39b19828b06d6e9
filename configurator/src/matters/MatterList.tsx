import { App, Button, Input, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { request } from '../api/request';
import type {
  AuthoredMattersQuery,
  AuthoredMattersQueryVariables,
  ImportMatterMutation,
  ImportMatterMutationVariables,
} from '../generated/graphql';
import { useI18n } from '../i18n/I18nProvider';
import { IMPORT_MATTER } from './mutations';
import { NewMatterDialog } from './NewMatterDialog';
import { AUTHORED_MATTERS } from './queries';
import { RunCount } from './RunCount';
import { StatusTag } from './StatusTag';
import { TemplatePicker } from './TemplatePicker';

type Summary = AuthoredMattersQuery['authoredMatters']['items'][number];

export function MatterList({ onOpen }: { onOpen: (code: string) => void }) {
  const { t, pick, time } = useI18n();
  const { message } = App.useApp();
  const [keyword, setKeyword] = useState('');
  const [items, setItems] = useState<Summary[] | null>(null);
  const [dialog, setDialog] = useState<'blank' | 'template' | null>(null);

  const load = useCallback(
    (search: string) => {
      setItems(null);
      request<AuthoredMattersQuery, AuthoredMattersQueryVariables>(AUTHORED_MATTERS, { keyword: search || null })
        .then((data) => setItems(data.authoredMatters.items))
        .catch((e: Error) => {
          message.error(e.message);
          setItems([]);
        });
    },
    [message],
  );
  useEffect(() => load(''), [load]);

  const importFile = async (file: File) => {
    try {
      const document: unknown = JSON.parse(await file.text());
      const { importMatter } = await request<ImportMatterMutation, ImportMatterMutationVariables>(IMPORT_MATTER, {
        document,
      });
      if (importMatter.__typename === 'AuthoredMatter') onOpen(importMatter.code);
      else message.error(pick(importMatter.message));
    } catch (e) {
      message.error(`${t('importFailed')}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return false;
  };

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <Typography.Title level={2}>{t('mattersTitle')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('mattersIntro')}</Typography.Paragraph>
        </div>
        <Space wrap>
          <Button type="primary" size="large" onClick={() => setDialog('blank')}>
            {t('newMatter')}
          </Button>
          <Button size="large" onClick={() => setDialog('template')}>
            {t('newFromTemplate')}
          </Button>
          <Upload accept=".json,application/json" showUploadList={false} beforeUpload={importFile}>
            <Button size="large">{t('importMatter')}</Button>
          </Upload>
        </Space>
      </div>
      <Input.Search
        size="large"
        allowClear
        placeholder={t('searchMatters')}
        value={keyword}
        onChange={(e) => setKeyword(e.target.value)}
        onSearch={load}
        className="gap-below"
        enterButton={t('search')}
      />
      <Table<Summary>
        rowKey="code"
        loading={items === null}
        dataSource={items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(row) => ({ onClick: () => onOpen(row.code), className: 'clickable' })}
        columns={[
          { title: t('matterCode'), dataIndex: 'code', width: 170 },
          {
            title: t('matterName'),
            render: (_, row) => (
              <Space direction="vertical" size={0}>
                <Typography.Link>{pick(row.name)}</Typography.Link>
                {row.extends && (
                  <Typography.Text type="secondary">{t('localisesTemplate', { code: row.extends })}</Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('status'),
            width: 260,
            render: (_, row) => (
              <Space wrap size={4}>
                <StatusTag status={row.status} />
                {row.hasDraft && row.status !== 'DRAFT' && <Tag color="gold">{t('hasDraft')}</Tag>}
                {row.needsReview && (
                  <Tooltip title={t('needsReviewHelp')}>
                    <Tag color="red">{t('needsReview')}</Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          { title: t('runCount'), width: 150, render: (_, row) => <RunCount count={row.runCount} /> },
          {
            title: t('latestVersion'),
            width: 110,
            render: (_, row) => (row.latestVersion ? `v${row.latestVersion}` : '—'),
          },
          {
            title: t('updatedAt'),
            width: 180,
            render: (_, row) => time(row.updatedAt),
          },
        ]}
      />
      <NewMatterDialog open={dialog === 'blank'} onClose={() => setDialog(null)} onCreated={onOpen} />
      <TemplatePicker open={dialog === 'template'} onClose={() => setDialog(null)} onOpen={onOpen} />
    </div>
  );
}
