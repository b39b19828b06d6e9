import { App, Button, Input, List, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { request } from '../api/request';
import type {
  CreateMatterMutation,
  CreateMatterMutationVariables,
  TemplatesQuery,
  TemplatesQueryVariables,
} from '../generated/graphql';
import { useI18n } from '../i18n/I18nProvider';
import { CREATE_MATTER } from './mutations';
import { TEMPLATES } from './queries';

type Template = TemplatesQuery['templates'][number];

interface Props {
  open: boolean;
  onClose: () => void;
  onOpen: (code: string) => void;
}

/** Localise a province template: the county version starts empty and shows the template. */
export function TemplatePicker({ open, onClose, onOpen }: Props) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [keyword, setKeyword] = useState('');
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setTemplates(null);
    const timer = setTimeout(() => {
      request<TemplatesQuery, TemplatesQueryVariables>(TEMPLATES, { keyword: keyword || null })
        .then((data) => setTemplates(data.templates))
        .catch((e: Error) => message.error(e.message));
    }, 250);
    return () => clearTimeout(timer);
  }, [open, keyword, message]);

  const localise = async (template: Template) => {
    setBusy(template.code);
    try {
      const { createMatter } = await request<CreateMatterMutation, CreateMatterMutationVariables>(CREATE_MATTER, {
        fromTemplate: template.code,
      });
      if (createMatter.__typename === 'AuthoredMatter') onOpen(createMatter.code);
      else message.error(pick(createMatter.message));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal open={open} title={t('newFromTemplate')} footer={null} onCancel={onClose} width={760} destroyOnClose>
      <Typography.Paragraph type="secondary">{t('templatesIntro')}</Typography.Paragraph>
      <Input.Search
        allowClear
        placeholder={t('searchTemplates')}
        value={keyword}
        onChange={(e) => setKeyword(e.target.value)}
      />
      <List<Template>
        className="template-list"
        loading={templates === null}
        dataSource={templates ?? []}
        renderItem={(template) => (
          <List.Item
            data-template={template.code}
            actions={[
              template.localisedAs && (
                <Button key="open" onClick={() => onOpen(template.localisedAs ?? '')}>
                  {t('openLocalisation', { code: template.localisedAs })}
                </Button>
              ),
              <Button key="localise" type="primary" loading={busy === template.code} onClick={() => localise(template)}>
                {t('localise')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={pick(template.name)}
              description={
                <Space direction="vertical" size={0}>
                  <span>
                    {template.code} · {pick(template.department)}
                  </span>
                  {template.localisedAs && (
                    <Typography.Text type="warning">
                      {t('alreadyLocalised', { code: template.localisedAs })}
                    </Typography.Text>
                  )}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Modal>
  );
}
