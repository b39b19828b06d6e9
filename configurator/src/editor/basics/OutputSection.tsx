import { Form, Select } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { Section } from '../common/Section';
import { TextField } from '../common/TextField';
import { useDictionaries } from '../DictionariesContext';
import { OutputPartyFields } from './OutputPartyFields';
import type { TabProps } from '../tabProps';

const OUTPUTS = ['e_license', 'certificate', 'decision', 'registration', 'none'] as const;

export function OutputSection({ matter, onChange }: TabProps) {
  const { t, pick } = useI18n();
  const { licenseTypes } = useDictionaries();
  const output = matter.output ?? {};
  const set = (next: typeof output) => onChange({ ...matter, output: next });

  return (
    <Section anchor="output" title={t('sectionOutput')}>
      <Form.Item label={t('outputKind')} extra={t('outputKindHelp')}>
        <Select
          aria-label={t('outputKind')}
          value={output.kind}
          onChange={(kind: string) => {
            const { license_type: _dropped, ...rest } = output;
            set(kind === 'e_license' ? { ...output, kind } : { ...rest, kind });
          }}
          options={OUTPUTS.map((kind) => ({ value: kind, label: t(`output_${kind}`) }))}
        />
      </Form.Item>
      <TextField
        label={t('outputName')}
        help={t('outputNameHelp')}
        value={output.name}
        onChange={(name) => set({ ...output, name })}
        path="/output/name"
      />
      {output.kind === 'e_license' && (
        <Form.Item label={t('outputLicenseType')} extra={t('outputLicenseTypeHelp')}>
          <Select
            showSearch
            aria-label={t('outputLicenseType')}
            value={output.license_type}
            onChange={(license_type: string) => set({ ...output, license_type })}
            options={licenseTypes.map((l) => ({ value: l.type, label: `${pick(l.name)}（${l.type}）` }))}
          />
        </Form.Item>
      )}
      <OutputPartyFields matter={matter} output={output} onChange={set} />
    </Section>
  );
}
