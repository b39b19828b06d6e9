import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { request } from '../api/request';
import type { CreateMatterMutation, CreateMatterMutationVariables } from '../generated/graphql';
import { useI18n } from '../i18n/I18nProvider';
import { CREATE_MATTER } from './mutations';

interface Values {
  zh: string;
  en?: string;
  code?: string;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (code: string) => void;
}

export function NewMatterDialog({ open, onClose, onCreated }: Props) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    // A missing name shows under its field; there is nothing more to do until it is given.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      const { createMatter } = await request<CreateMatterMutation, CreateMatterMutationVariables>(CREATE_MATTER, {
        code: values.code?.trim() || null,
        name: { zh: values.zh.trim(), en: values.en?.trim() ?? '' },
      });
      if (createMatter.__typename === 'AuthoredMatter') onCreated(createMatter.code);
      else setError(pick(createMatter.message));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('newMatter')}
      okText={t('create')}
      onOk={create}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnClose
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="zh"
          label={t('nameZh')}
          extra={t('nameHelp')}
          rules={[{ required: true, whitespace: true, message: t('nameMissing') }]}
        >
          <Input size="large" autoFocus />
        </Form.Item>
        <Form.Item name="en" label={t('nameEn')} extra={t('englishHelp')}>
          <Input />
        </Form.Item>
        <Form.Item name="code" label={t('matterCodeOptional')} extra={t('matterCodeHelp')}>
          <Input placeholder="330106-ZR-001" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}
