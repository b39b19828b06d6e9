import { Checkbox, Form, InputNumber, Radio, Select, Space } from 'antd';
import type { Matter } from '../../document/matter';
import { useI18n } from '../../i18n/I18nProvider';
import { Section } from '../common/Section';
import { TextField } from '../common/TextField';
import { ProblemsAt } from '../problems/ProblemsContext';
import type { TabProps } from '../tabProps';
import { AutomaticSection } from './AutomaticSection';
import { ContactSection } from './ContactSection';
import { DepartmentSection } from './DepartmentSection';
import { FeesSection } from './FeesSection';
import { LegalBasisSection } from './LegalBasisSection';
import { OutputSection } from './OutputSection';
import { SituationsSection } from './SituationsSection';
import { StepsSection } from './StepsSection';

const KINDS = [
  'administrative_license',
  'administrative_confirmation',
  'administrative_payment',
  'public_service',
  'other_power',
] as const;
const DELIVERY = ['e_license', 'express', 'pickup', 'none'] as const;
const CHANNELS = ['mini_program', 'web', 'window', 'self_service_kiosk'] as const;

export function BasicsTab({ matter, onChange }: TabProps) {
  const { t } = useI18n();
  const set = <K extends keyof Matter>(key: K, value: Matter[K]) => onChange({ ...matter, [key]: value });
  const limits = matter.time_limits ?? {};

  return (
    <Form layout="vertical" className="tab-body">
      <Section anchor="name" title={t('sectionName')}>
        <TextField
          label={t('matterName')}
          help={t('nameHelp')}
          required
          value={matter.name}
          onChange={(v) => set('name', v)}
          path="/name"
        />
        <ProblemsAt anchor="summary" />
        <TextField
          label={t('summary')}
          help={t('summaryHelp')}
          required
          multiline
          value={matter.summary}
          onChange={(v) => set('summary', v)}
          path="/summary"
        />
      </Section>

      <Section anchor="kind" title={t('sectionKind')}>
        <Form.Item label={t('kind')} extra={t('kindHelp')}>
          <Select
            aria-label={t('kind')}
            value={matter.kind}
            onChange={(v: string) => set('kind', v)}
            options={KINDS.map((kind) => ({ value: kind, label: t(`kind_${kind}`) }))}
          />
        </Form.Item>
        <ProblemsAt anchor="audience" />
        <Form.Item label={t('audience')} extra={t('audienceHelp')}>
          <Radio.Group
            value={matter.audience}
            onChange={(e) => set('audience', e.target.value as string)}
            options={[
              { value: 'citizen', label: t('audience_citizen') },
              { value: 'business', label: t('audience_business') },
            ]}
          />
        </Form.Item>
        <ProblemsAt anchor="keywords" />
        <Form.Item label={t('keywords')} extra={t('keywordsHelp')}>
          <Select
            aria-label={t('keywords')}
            mode="tags"
            value={matter.keywords ?? []}
            onChange={(v: string[]) => set('keywords', v)}
            open={false}
            tokenSeparators={[',', '，', ' ']}
          />
        </Form.Item>
      </Section>

      <DepartmentSection matter={matter} onChange={onChange} />
      <LegalBasisSection matter={matter} onChange={onChange} />
      <SituationsSection matter={matter} onChange={onChange} />

      <Section anchor="time_limits" title={t('sectionTimeLimits')}>
        <Space size="large" wrap>
          <Form.Item label={t('statutoryDays')} extra={t('statutoryDaysHelp')}>
            <InputNumber
              aria-label={t('statutoryDays')}
              min={0}
              value={limits.statutory_days}
              addonAfter={t('workingDays')}
              onChange={(v) => set('time_limits', { ...limits, statutory_days: v ?? 0 })}
            />
          </Form.Item>
          <Form.Item label={t('promisedDays')} extra={t('promisedDaysHelp')}>
            <InputNumber
              aria-label={t('promisedDays')}
              min={0}
              value={limits.promised_days}
              addonAfter={t('workingDays')}
              onChange={(v) => set('time_limits', { ...limits, promised_days: v ?? 0 })}
            />
          </Form.Item>
        </Space>
      </Section>

      <FeesSection matter={matter} onChange={onChange} />
      <StepsSection matter={matter} onChange={onChange} />

      <Section anchor="delivery" title={t('sectionDelivery')}>
        <Form.Item label={t('delivery')} extra={t('deliveryHelp')}>
          <Checkbox.Group
            value={matter.delivery ?? []}
            onChange={(v) => set('delivery', v as string[])}
            options={DELIVERY.map((d) => ({ value: d, label: t(`delivery_${d}`) }))}
          />
        </Form.Item>
        <ProblemsAt anchor="channels" />
        <Form.Item label={t('channels')} extra={t('channelsHelp')}>
          <Checkbox.Group
            value={matter.channels ?? []}
            onChange={(v) => set('channels', v as string[])}
            options={CHANNELS.map((c) => ({ value: c, label: t(`channel_${c}`) }))}
          />
        </Form.Item>
      </Section>

      <OutputSection matter={matter} onChange={onChange} />
      <AutomaticSection matter={matter} onChange={onChange} />
      <ContactSection matter={matter} onChange={onChange} />
    </Form>
  );
}
