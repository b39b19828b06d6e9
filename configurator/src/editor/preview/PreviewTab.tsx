import { Alert, Button, Card, Checkbox, Col, Form, Row, Select, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { request } from '../../api/request';
import type { Matter } from '../../document/matter';
import type {
  MatterFieldsFragment,
  PreviewDraftQuery,
  PreviewDraftQueryVariables,
  ResultFieldsFragment,
} from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import { AnswersForm } from '../../preview/AnswersForm';
import type { RuleData } from '../../preview/previewForm';
import { useDictionaries } from '../DictionariesContext';
import { PREVIEW_DRAFT } from '../queries';
import type { Trip } from '../tests/Advisor';
import { exampleProfile } from '../tests/exampleProfile';
import { ResultPanel } from '../tests/ResultPanel';

interface Props {
  matter: Matter;
  authored: MatterFieldsFragment;
  dirty: boolean;
  onSave: () => void;
  onApply: (trip: Trip) => void;
}

const DEBOUNCE_MS = 500;
type Values = Record<string, unknown>;

/** The draft as an applicant sees it on a phone; eligibility, materials and trips come from
 * the server's evaluation of the saved draft, refreshed as the answers change. */
export function PreviewTab({ matter, authored, dirty, onSave, onApply }: Props) {
  const { t, pick } = useI18n();
  const { licenseTypes, sharedSources } = useDictionaries();
  const [applicant, setApplicant] = useState<string>('example');
  const [eLicenses, setELicenses] = useState<string[]>([]);
  const [sources, setSources] = useState<string[]>([]);
  const [data, setData] = useState<RuleData>(() => ({
    answers: {},
    applicant: exampleProfile,
    situation: Object.fromEntries(
      (matter.situations ?? []).flatMap((s) => (s.default === undefined ? [] : [[s.id, s.default]])),
    ),
  }));
  const [result, setResult] = useState<ResultFieldsFragment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const pickApplicant = (key: string) => {
    const testCase = authored.testCases.find((c) => c.id === key);
    setApplicant(key);
    setELicenses(testCase?.eLicenses ?? []);
    setSources(testCase?.sharedSources ?? []);
    setData({
      applicant: (testCase?.profile as Values | undefined) ?? exampleProfile,
      situation: (testCase?.situation as Values | undefined) ?? data.situation,
      answers: (testCase?.answers as Values | undefined) ?? data.answers,
    });
  };

  useEffect(() => {
    setBusy(true);
    const timer = setTimeout(() => {
      const testCase = {
        name: t('previewCaseName'),
        profile: data.applicant,
        eLicenses,
        sharedSources: sources,
        situation: data.situation,
        answers: data.answers,
      };
      request<PreviewDraftQuery, PreviewDraftQueryVariables>(PREVIEW_DRAFT, { code: authored.code, testCase })
        .then((response) => {
          setResult(response.previewDraft);
          setError(null);
        })
        .catch((e: Error) => setError(e.message))
        .finally(() => setBusy(false));
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [authored, data, eLicenses, sources, t]);

  return (
    <Row gutter={32} wrap={false} className="tab-body preview">
      <Col flex="430px">
        <div className="phone" data-testid="phone">
          <div className="phone-notch" />
          <div className="phone-screen">
            <Typography.Title level={4}>{pick(matter.name)}</Typography.Title>
            <Typography.Paragraph type="secondary">{pick(matter.summary)}</Typography.Paragraph>
            <AnswersForm matter={matter} data={data} onChange={(changes) => setData({ ...data, ...changes })} />
          </div>
        </div>
      </Col>
      <Col flex="1" className="preview-side">
        {dirty && (
          <Alert
            type="warning"
            showIcon
            className="gap-below"
            message={t('previewUsesSaved')}
            action={
              <Button type="primary" onClick={onSave}>
                {t('saveDraft')}
              </Button>
            }
          />
        )}
        <Card title={t('previewApplicant')} className="gap-below">
          <Form layout="vertical">
            <Form.Item label={t('previewApplicantPick')} extra={t('previewApplicantHelp')}>
              <Select
                value={applicant}
                onChange={pickApplicant}
                options={[
                  { value: 'example', label: t('exampleApplicant', { name: exampleProfile.name }) },
                  ...authored.testCases.map((c) => ({ value: c.id, label: c.name })),
                ]}
              />
            </Form.Item>
            <Form.Item label={t('testELicenses')}>
              <Checkbox.Group
                value={eLicenses}
                onChange={(v) => setELicenses(v as string[])}
                options={licenseTypes.map((l) => ({ value: l.type, label: pick(l.name) }))}
              />
            </Form.Item>
            <Form.Item label={t('testSharedSources')}>
              <Checkbox.Group
                value={sources}
                onChange={(v) => setSources(v as string[])}
                options={sharedSources
                  .filter((s) => s.elements.length)
                  .map((s) => ({ value: s.id, label: pick(s.name) }))}
              />
            </Form.Item>
          </Form>
        </Card>
        <Card title={t('previewResult')} extra={busy && <Spin size="small" />} className="preview-result">
          {error && <Alert type="error" showIcon message={error} />}
          {result && <ResultPanel result={result} matter={matter} onApply={onApply} />}
        </Card>
      </Col>
    </Row>
  );
}
