import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Matter } from '../../document/matter';
import type { MatterFieldsFragment, TestCaseInput } from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import { resultText } from '../../i18n/problemTexts';
import { Section } from '../common/Section';
import type { Trip } from './Advisor';
import { ResultPanel } from './ResultPanel';
import { TestCaseDrawer, type TestCase } from './TestCaseDrawer';

interface Props {
  matter: Matter;
  authored: MatterFieldsFragment;
  dirty: boolean;
  onSaveCase: (input: TestCaseInput) => Promise<boolean>;
  onDeleteCase: (id: string) => void;
  onApply: (trip: Trip) => void;
}

export function TestCasesTab({ matter, authored, dirty, onSaveCase, onDeleteCase, onApply }: Props) {
  const { t, pick, lang } = useI18n();
  const [editing, setEditing] = useState<TestCase | 'new' | null>(null);
  const resultOf = (id: string) => authored.testResults.find((r) => r.caseId === id);

  return (
    <div className="tab-body">
      <Section
        anchor="tests"
        title={t('sectionTests')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('addTestCase')}
          </Button>
        }
      >
        <p className="help">{t('testsHelp')}</p>
        {dirty && <Alert type="warning" showIcon message={t('testsRunOnSaved')} />}
      </Section>
      {authored.testCases.length === 0 && <Empty description={t('noTestCases')} />}
      {authored.testCases.length > 0 && (
        <List
          dataSource={authored.testCases}
          renderItem={(testCase) => {
            const result = resultOf(testCase.id);
            return (
              <Card
                className="section test-case"
                data-case={testCase.name}
                title={
                  <Space>
                    <span>{testCase.name}</span>
                    {result && (
                      <Tag color={result.passed ? 'green' : 'red'} className="test-status">
                        {result.passed ? t('testPassed') : t('testFailed')}
                      </Tag>
                    )}
                  </Space>
                }
                extra={
                  <Space>
                    <Button onClick={() => setEditing(testCase)}>{t('edit')}</Button>
                    <Popconfirm
                      title={t('confirmDelete')}
                      okText={t('delete')}
                      cancelText={t('cancel')}
                      onConfirm={() => onDeleteCase(testCase.id)}
                    >
                      <Button danger>{t('delete')}</Button>
                    </Popconfirm>
                  </Space>
                }
              >
                <Typography.Paragraph type="secondary">
                  {t('expectationSummary', {
                    eligible: testCase.expected.eligible ? t('eligibleYes') : t('eligibleNo'),
                    runs: testCase.expected.runCount ?? '—',
                    materials:
                      testCase.expected.materials
                        ?.map((id) => pick(matter.materials?.find((m) => m.id === id)?.name) || id)
                        .join('、') || '—',
                  })}
                </Typography.Paragraph>
                {result?.mismatches.map((mismatch) => (
                  <Alert
                    key={mismatch}
                    type="error"
                    showIcon
                    message={resultText(mismatch, lang)}
                    className="gap-below"
                  />
                ))}
                {result && <ResultPanel result={result} matter={matter} onApply={onApply} />}
              </Card>
            );
          }}
        />
      )}
      {editing && (
        <TestCaseDrawer
          matter={matter}
          testCase={editing === 'new' ? null : editing}
          onSave={onSaveCase}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
