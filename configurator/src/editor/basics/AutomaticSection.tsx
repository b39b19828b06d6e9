import { Form, InputNumber, Switch } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { Section } from '../common/Section';
import type { TabProps } from '../tabProps';

const DEFAULT_RATE = 0.1; // a tenth checked afterwards, as the demo's matters

/** 秒批: whether the rules decide an application at submission when every condition holds on
 * e-licenses and shared data, and the share a reviewer checks afterwards (in percent here). */
export function AutomaticSection({ matter, onChange }: TabProps) {
  const { t } = useI18n();
  const automatic = matter.automatic;
  const set = (next?: { sample_rate: number }) => {
    const { automatic: _old, ...rest } = matter;
    onChange(next ? { ...rest, automatic: next } : rest);
  };

  return (
    <Section anchor="automatic" title={t('sectionAutomatic')}>
      <Form.Item label={t('automatic')} extra={t('automaticHelp')}>
        <Switch
          aria-label={t('automatic')}
          checked={automatic !== undefined}
          onChange={(on) => set(on ? { sample_rate: DEFAULT_RATE } : undefined)}
        />
      </Form.Item>
      {automatic && (
        <Form.Item label={t('sampleRate')} extra={t('sampleRateHelp')}>
          <InputNumber
            aria-label={t('sampleRate')}
            min={0}
            max={100}
            value={Math.round(automatic.sample_rate * 100)}
            addonAfter="%"
            onChange={(v) => set({ sample_rate: (v ?? 0) / 100 })}
          />
        </Form.Item>
      )}
    </Section>
  );
}
