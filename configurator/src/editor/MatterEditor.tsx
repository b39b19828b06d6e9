import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { RunCount } from '../matters/RunCount';
import { StatusTag } from '../matters/StatusTag';
import { BasicsTab } from './basics/BasicsTab';
import { DictionariesProvider } from './DictionariesContext';
import { FormTab } from './form/FormTab';
import { MaterialsTab } from './materials/MaterialsTab';
import { PartiesTab } from './parties/PartiesTab';
import { PreviewTab } from './preview/PreviewTab';
import type { Location, TabKey } from './problems/problemLocation';
import { ProblemsProvider } from './problems/ProblemsContext';
import { PublishTab } from './publish/PublishTab';
import { RulesTab } from './rules/RulesTab';
import { TestCasesTab } from './tests/TestCasesTab';
import { useMatterDraft } from './useMatterDraft';

interface Props {
  code: string;
  onBack: () => void;
}

export function MatterEditor({ code, onBack }: Props) {
  const { t, pick } = useI18n();
  const { modal } = App.useApp();
  const matter = useMatterDraft(code);
  const { authored, dictionaries, draft, dirty, missing, problems } = matter;
  const [tab, setTab] = useState<TabKey>('basics');
  const [scrollTo, setScrollTo] = useState<{ anchor: string } | null>(null);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  useEffect(() => {
    if (!scrollTo) return;
    // After the tab has rendered: bring the card into view and make it flash.
    const timer = setTimeout(() => {
      const element = document.getElementById(scrollTo.anchor);
      element?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      element?.classList.add('flash');
      setTimeout(() => element?.classList.remove('flash'), 2000);
    }, 50);
    return () => clearTimeout(timer);
  }, [scrollTo]);

  const goTo = (location: Location) => {
    setTab(location.tab);
    setScrollTo({ anchor: location.anchor });
  };

  const back = () => {
    if (!dirty) return onBack();
    modal.confirm({ title: t('leaveUnsaved'), okText: t('leave'), cancelText: t('stay'), onOk: onBack });
  };

  if (missing)
    return <Result status="warning" title={missing} extra={<Button onClick={onBack}>{t('backToList')}</Button>} />;
  if (!authored || !draft || !dictionaries) return <Spin size="large" className="centered" />;

  const { change, save, saving, faithful } = matter;
  const count = (key: TabKey) => problems.filter((p) => p.location.tab === key && p.severity === 'error').length;
  const label = (key: TabKey, text: string) => (
    <Badge count={count(key)} size="small" offset={[8, -2]}>
      <span className="tab-label">{text}</span>
    </Badge>
  );
  const tabs: { key: TabKey; label: string; children: React.ReactNode }[] = [
    { key: 'basics', label: t('tabBasics'), children: <BasicsTab matter={draft} onChange={change} /> },
    { key: 'form', label: t('tabForm'), children: <FormTab matter={draft} onChange={change} onGoTo={goTo} /> },
    { key: 'parties', label: t('tabParties'), children: <PartiesTab matter={draft} onChange={change} /> },
    { key: 'rules', label: t('tabRules'), children: <RulesTab matter={draft} onChange={change} /> },
    {
      key: 'materials',
      label: t('tabMaterials'),
      children: <MaterialsTab matter={draft} onChange={change} onGoTo={goTo} />,
    },
    {
      key: 'tests',
      label: t('tabTests'),
      children: (
        <TestCasesTab
          matter={draft}
          authored={authored}
          dirty={dirty}
          onSaveCase={matter.saveCase}
          onDeleteCase={matter.deleteCase}
          onApply={matter.applyAdvice}
        />
      ),
    },
    {
      key: 'preview',
      label: t('tabPreview'),
      children: (
        <PreviewTab matter={draft} authored={authored} dirty={dirty} onSave={save} onApply={matter.applyAdvice} />
      ),
    },
    {
      key: 'publish',
      label: t('tabPublish'),
      children: (
        <PublishTab authored={authored} onGoTo={goTo} onAccept={matter.accept} ensureSaved={matter.ensureSaved} />
      ),
    },
  ];

  return (
    <DictionariesProvider value={dictionaries}>
      <ProblemsProvider value={problems}>
        <div className="editor">
          <div className="editor-head">
            <Space wrap size="middle">
              <Button icon={<ArrowLeftOutlined />} onClick={back}>
                {t('backToList')}
              </Button>
              <Typography.Title level={3} className="editor-title">
                {pick(draft.name) || t('untitled')}
              </Typography.Title>
              <Typography.Text code>{code}</Typography.Text>
              <StatusTag status={authored.status} />
              {authored.extends && <Tag color="purple">{t('localisesTemplate', { code: authored.extends })}</Tag>}
              {authored.needsReview && <Tag color="red">{t('needsReview')}</Tag>}
              <RunCount count={authored.runCount} />
            </Space>
            <Space>
              {dirty && <Tag color="orange">{t('unsaved')}</Tag>}
              <Button
                type="primary"
                size="large"
                icon={<SaveOutlined />}
                loading={saving}
                onClick={save}
                className="save-draft"
              >
                {t('saveDraft')}
              </Button>
            </Space>
          </div>
          {!faithful && <Alert type="warning" showIcon className="gap-below" message={t('patchNotFaithful')} />}
          <Tabs
            activeKey={tab}
            onChange={(key) => setTab(key as TabKey)}
            size="large"
            items={tabs.map((item) => ({ ...item, label: label(item.key, item.label) }))}
          />
        </div>
      </ProblemsProvider>
    </DictionariesProvider>
  );
}
