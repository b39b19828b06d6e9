import { Alert, App, Button, Form, Input, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { request } from '../../api/request';
import type {
  SynonymsListQuery,
  SynonymsRemoveMutation,
  SynonymsRemoveMutationVariables,
  SynonymsSetMutation,
  SynonymsSetMutationVariables,
} from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import '../admin/admin.css';
import { SYNONYMS_LIST, SYNONYMS_REMOVE, SYNONYMS_SET } from './operations';

type Synonym = SynonymsListQuery['searchSynonyms'][number];
interface Values {
  said: string;
  meant: string[];
}

/** Where the server put a fault (/said, /meant, /meant/2): the form field it is under. */
export function fieldOf(path: string): keyof Values {
  return path.startsWith('/meant') ? 'meant' : 'said';
}

/** The county's search synonyms (搜索同义词): the province's dictionary and the regions' above
 * read-only, the county's own added, changed and removed here; searches use them at once. */
export function SearchSynonyms() {
  const { t, pick, time } = useI18n();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Synonym[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [filter, setFilter] = useState('');
  const [form] = Form.useForm<Values>();

  const load = useCallback(() => {
    setLoadError(null);
    request<SynonymsListQuery>(SYNONYMS_LIST)
      .then((data) => setRows(data.searchSynonyms))
      .catch((e: Error) => {
        setLoadError(e.message);
        setRows([]);
      });
  }, []);
  useEffect(load, [load]);

  const save = async ({ said, meant }: Values) => {
    setBusy(true);
    try {
      const { setSearchSynonym: result } = await request<SynonymsSetMutation, SynonymsSetMutationVariables>(
        SYNONYMS_SET,
        { said, meant },
      );
      if (result.__typename === 'SearchSynonym') {
        message.success(t('synonymsSaved', { said: result.said }));
        form.resetFields();
        load();
      } else {
        const byField = new Map<keyof Values, string[]>();
        for (const e of result.errors) byField.set(fieldOf(e.path), [...(byField.get(fieldOf(e.path)) ?? []), pick(e.message)]);
        if (byField.size) form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
        else message.error(pick(result.message));
      }
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (said: string) => {
    try {
      const { removeSearchSynonym: result } = await request<SynonymsRemoveMutation, SynonymsRemoveMutationVariables>(
        SYNONYMS_REMOVE,
        { said },
      );
      if (result.__typename === 'SearchSynonymError') message.error(pick(result.message));
      else message.success(t('synonymsRemoved', { said }));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      load();
    }
  };

  const shown = useMemo(() => {
    const word = filter.trim().toLowerCase();
    return (rows ?? []).filter((s) => !word || s.said.includes(word) || s.meant.some((m) => m.includes(word)));
  }, [rows, filter]);

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('synonymsTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('synonymsIntro')}</Typography.Paragraph>
      <Form
        className="admin-form"
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void save(v)}
        onValuesChange={(changed: Partial<Values>) =>
          form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof Values, errors: [] })))
        }
      >
        <div className="admin-filters" style={{ alignItems: 'flex-start' }}>
          <Form.Item name="said" label={t('synonymsSaid')} extra={t('synonymsSaidHelp')} style={{ minWidth: 220 }}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item
            name="meant"
            label={t('synonymsMeant')}
            extra={t('synonymsMeantHelp')}
            style={{ minWidth: 360, flex: 1 }}
            initialValue={[]}
          >
            <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} maxCount={5} />
          </Form.Item>
          <Form.Item label=" ">
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('synonymsAdd')}
            </Button>
          </Form.Item>
        </div>
      </Form>
      <div className="admin-filters">
        <Input.Search
          aria-label={t('synonymsFilter')}
          placeholder={t('synonymsFilter')}
          allowClear
          style={{ maxWidth: 280 }}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      {loadError && <Alert type="error" showIcon message={t('adminLoadFailed', { error: loadError })} />}
      <Table<Synonym>
        rowKey={(s) => `${s.regionCode ?? ''}:${s.said}`}
        loading={rows === null}
        dataSource={shown}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <span className="admin-empty">{t('synonymsNone')}</span> }}
        columns={[
          { title: t('synonymsSaid'), dataIndex: 'said', width: 180 },
          {
            title: t('synonymsMeant'),
            dataIndex: 'meant',
            render: (meant: string[]) => meant.map((m) => <Tag key={m}>{m}</Tag>),
          },
          {
            title: t('synonymsSource'),
            key: 'source',
            width: 220,
            render: (_: unknown, s: Synonym) =>
              s.editable ? (
                <Tag color="blue">{t('synonymsOwn')}</Tag>
              ) : s.regionCode ? (
                t('synonymsAbove', { region: s.regionCode })
              ) : (
                t('synonymsProvince')
              ),
          },
          {
            title: t('synonymsUpdated'),
            key: 'updated',
            width: 220,
            render: (_: unknown, s: Synonym) =>
              s.updatedAt ? `${time(s.updatedAt)} · ${s.updatedBy?.replace(/^staff:/, '') ?? ''}` : '—',
          },
          {
            title: t('adminActions'),
            key: 'actions',
            width: 170,
            render: (_: unknown, s: Synonym) =>
              s.editable && (
                <span>
                  <Button size="small" onClick={() => form.setFieldsValue({ said: s.said, meant: s.meant })}>
                    {t('synonymsEdit')}
                  </Button>{' '}
                  <Popconfirm
                    title={t('synonymsRemoveConfirm', { said: s.said })}
                    okText={t('synonymsRemove')}
                    cancelText={t('synonymsCancel')}
                    onConfirm={() => remove(s.said)}
                  >
                    <Button size="small" danger>
                      {t('synonymsRemove')}
                    </Button>
                  </Popconfirm>
                </span>
              ),
          },
        ]}
      />
    </div>
  );
}
