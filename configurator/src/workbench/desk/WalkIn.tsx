import { Alert, App, Button, Form, Input, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { request } from '../../api/request';
import type { DeskMattersQuery, DeskMattersQueryVariables } from '../../generated/citizen';
import type { DeskStartWalkInMutation, DeskStartWalkInMutationVariables } from '../../generated/graphql';
import { useI18n } from '../../i18n/I18nProvider';
import { citizenRequest } from './citizenRequest';
import './desk.css';
import { DESK_MATTERS, DESK_START_WALK_IN } from './operations';
import { splitProblems, type Problem } from './splitProblems';
import { WalkInFiling, type Started } from './WalkInFiling';

const FIELDS = ['residentId', 'name', 'matterCode'] as const;
type Values = Record<(typeof FIELDS)[number], string>;
type Matter = DeskMattersQuery['matters']['edges'][number]['node'];

/** The county's matters whose name, code or keywords hold `keyword`, as the citizen API offers
 * them (anonymously: no one is acting yet). */
function useMatters(region: string, keyword: string): Matter[] {
  const [matters, setMatters] = useState<Matter[]>([]);
  useEffect(() => {
    const timer = setTimeout(() => {
      citizenRequest<DeskMattersQuery, DeskMattersQueryVariables>(DESK_MATTERS, { region, keyword: keyword || null })
        .then((data) => setMatters(data.matters.edges.map((edge) => edge.node)))
        .catch(() => setMatters([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [region, keyword]);
  return matters;
}

/** 窗口收件: a citizen at the counter, by resident ID and name, for one matter; then their
 * filing through the citizen API with the token the start returns. */
export function WalkIn({ region, onFiled }: { region: string; onFiled: (id: string) => void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [keyword, setKeyword] = useState('');
  const matters = useMatters(region, keyword);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<Problem[]>([]);
  const [started, setStarted] = useState<Started | null>(null);

  const chosen = (_: unknown, value: string | undefined) =>
    value ? Promise.resolve() : Promise.reject(new Error(t('deskMatterMissing')));

  const start = async (values: Values) => {
    setBusy(true);
    setRefused([]);
    try {
      const variables = {
        residentId: values.residentId.trim(),
        name: values.name.trim(),
        matterCode: values.matterCode,
      };
      const data = await request<DeskStartWalkInMutation, DeskStartWalkInMutationVariables>(
        DESK_START_WALK_IN,
        variables,
      );
      const result = data.startWalkIn;
      if (result.__typename === 'WalkIn') setStarted(result);
      else {
        const { byField, rest } = splitProblems(result.errors, FIELDS);
        form.setFields(FIELDS.map((name) => ({ name, errors: (byField[name] ?? []).map(pick) })));
        setRefused([{ path: '', message: result.message }, ...rest]);
      }
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
    setBusy(false);
  };

  if (started) return <WalkInFiling started={started} onFiled={onFiled} />;
  return (
    <div className="page desk-page">
      <Typography.Title level={2}>{t('deskWalkInTitle')}</Typography.Title>
      <Typography.Paragraph>{t('deskWalkInIntro')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" className="desk-start" onFinish={(values) => void start(values)}>
        <Form.Item
          name="residentId"
          label={t('deskResidentId')}
          rules={[{ required: true, whitespace: true, message: t('deskResidentIdMissing') }]}
        >
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('deskName')}
          rules={[{ required: true, whitespace: true, message: t('deskNameMissing') }]}
        >
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        {/* a validator, not `required`: antd would put aria-required on the select's wrapper,
            which axe-core refuses */}
        <Form.Item name="matterCode" label={t('deskMatter')} rules={[{ validator: chosen }]}>
          <Select
            showSearch
            optionFilterProp="label"
            onSearch={setKeyword}
            placeholder={t('deskMatterSearch')}
            notFoundContent={t('deskNoMatter')}
            options={matters.map((m) => ({ value: m.code, label: `${pick(m.name)} · ${m.code}` }))}
          />
        </Form.Item>
        {refused.length > 0 && (
          <Alert
            className="gap-below"
            type="error"
            showIcon
            role="alert"
            message={refused.map((problem) => pick(problem.message)).join(' ')}
          />
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('deskStart')}
        </Button>
      </Form>
    </div>
  );
}
