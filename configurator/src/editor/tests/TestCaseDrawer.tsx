import { Alert, Button, Checkbox, Drawer, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import type { Matter } from '../../document/matter';
import type { MatterFieldsFragment, TestCaseInput } from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import { AnswersForm } from '../../preview/AnswersForm';
import { useDictionaries } from '../DictionariesContext';
import { ApplicantFields } from './ApplicantFields';
import { applicantProfile, exampleProfile, type Profile } from './exampleProfile';

export type TestCase = MatterFieldsFragment['testCases'][number];
type Values = Record<string, unknown>;

interface Props {
  matter: Matter;
  testCase: TestCase | null;
  onSave: (input: TestCaseInput) => Promise<boolean>;
  onClose: () => void;
}

const situationDefaults = (matter: Matter): Values =>
  Object.fromEntries((matter.situations ?? []).flatMap((s) => (s.default === undefined ? [] : [[s.id, s.default]])));

/** Add or change a test case: an example applicant and what the matter should make of them. */
export function TestCaseDrawer({ matter, testCase, onSave, onClose }: Props) {
  const { t, pick } = useI18n();
  const { licenseTypes, sharedSources } = useDictionaries();
  const [name, setName] = useState(testCase?.name ?? '');
  const [profile, setProfile] = useState<Profile>((testCase?.profile as Profile | undefined) ?? exampleProfile);
  const [eLicenses, setELicenses] = useState<string[]>(testCase?.eLicenses ?? []);
  const [sources, setSources] = useState<string[]>(testCase?.sharedSources ?? []);
  const [situation, setSituation] = useState<Values>(
    (testCase?.situation as Values | undefined) ?? situationDefaults(matter),
  );
  const [answers, setAnswers] = useState<Values>((testCase?.answers as Values | undefined) ?? {});
  const [eligible, setEligible] = useState(testCase?.expected.eligible ?? true);
  const [materials, setMaterials] = useState<string[] | null>(testCase?.expected.materials ?? null);
  const [runCount, setRunCount] = useState<number | null>(testCase?.expected.runCount ?? null);
  const [busy, setBusy] = useState(false);

  const today = new Date().toISOString().slice(0, 10);
  const changeApplicant = (fields: Profile) => setProfile((old) => applicantProfile(old, fields, today));

  const save = async () => {
    if (!name.trim()) return;
    setBusy(true);
    const saved = await onSave({
      id: testCase?.id ?? null,
      name: name.trim(),
      profile,
      eLicenses,
      sharedSources: sources,
      situation,
      answers,
      expected: { eligible, materials, runCount },
    });
    setBusy(false);
    if (saved) onClose();
  };

  return (
    <Drawer
      open
      width={720}
      title={testCase ? t('editTestCase') : t('addTestCase')}
      onClose={onClose}
      className="test-case-drawer"
      extra={
        <Button type="primary" loading={busy} disabled={!name.trim()} onClick={save}>
          {t('saveTestCase')}
        </Button>
      }
    >
      <Form layout="vertical">
        <Form.Item label={t('testCaseName')} extra={t('testCaseNameHelp')} required>
          <Input value={name} onChange={(e) => setName(e.target.value)} aria-label={t('testCaseName')} />
        </Form.Item>
        <Typography.Title level={5}>{t('testProfile')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('testProfileHelp')}</Typography.Paragraph>
        <ApplicantFields profile={profile} onChange={changeApplicant} />
        <Form.Item label={t('testELicenses')} extra={t('testELicensesHelp')}>
          <Select
            aria-label={t('testELicenses')}
            mode="multiple"
            value={eLicenses}
            onChange={setELicenses}
            options={licenseTypes.map((l) => ({ value: l.type, label: pick(l.name) }))}
          />
        </Form.Item>
        <Form.Item label={t('testSharedSources')} extra={t('testSharedSourcesHelp')}>
          <Checkbox.Group
            value={sources}
            onChange={(v) => setSources(v as string[])}
            options={sharedSources.filter((s) => s.elements.length).map((s) => ({ value: s.id, label: pick(s.name) }))}
          />
        </Form.Item>
        <Form.Item label={t('testAnswers')} extra={t('testAnswersHelp')}>
          <div className="answers-box">
            <AnswersForm
              matter={matter}
              data={{ answers, situation, applicant: profile }}
              onChange={(next) => {
                setAnswers(next.answers);
                setSituation(next.situation);
              }}
            />
          </div>
        </Form.Item>
        <Typography.Title level={5}>{t('testExpected')}</Typography.Title>
        <Alert type="info" showIcon message={t('testExpectedHelp')} className="gap-below" />
        <Form.Item label={t('expectEligible')}>
          <Switch
            checked={eligible}
            onChange={setEligible}
            checkedChildren={t('eligibleYes')}
            unCheckedChildren={t('eligibleNo')}
            aria-label={t('expectEligible')}
          />
        </Form.Item>
        <Form.Item label={t('expectMaterials')} extra={t('expectMaterialsHelp')}>
          <Space direction="vertical" className="full-width">
            <Checkbox checked={materials !== null} onChange={(e) => setMaterials(e.target.checked ? [] : null)}>
              {t('checkMaterials')}
            </Checkbox>
            {materials !== null && (
              <Select
                mode="multiple"
                value={materials}
                onChange={setMaterials}
                aria-label={t('expectMaterials')}
                options={(matter.materials ?? []).map((m) => ({ value: m.id, label: pick(m.name) || m.id }))}
              />
            )}
          </Space>
        </Form.Item>
        <Form.Item label={t('expectRunCount')} extra={t('expectRunCountHelp')}>
          <Space>
            <Checkbox checked={runCount !== null} onChange={(e) => setRunCount(e.target.checked ? 0 : null)}>
              {t('checkRunCount')}
            </Checkbox>
            {runCount !== null && (
              <InputNumber
                min={0}
                value={runCount}
                onChange={(v) => setRunCount(v ?? 0)}
                aria-label={t('expectRunCount')}
              />
            )}
          </Space>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
