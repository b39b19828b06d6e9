import { Form, Input } from 'antd';
import type { Matter, Text } from '../../document/matter';
import { useI18n } from '../../i18n/I18nProvider';
import { Section } from '../common/Section';
import { TextField } from '../common/TextField';
import type { TabProps } from '../tabProps';

type Contact = NonNullable<Matter['contact']>;
const isEmpty = (text?: Text) => !text || (!text.zh && !text.en);

export function ContactSection({ matter, onChange }: TabProps) {
  const { t } = useI18n();
  const contact = matter.contact ?? {};
  // Contact is optional: emptied, the key goes.
  const set = (next: Contact) => {
    const { contact: _old, ...rest } = matter;
    onChange(!next.phone && isEmpty(next.address) && isEmpty(next.hours) ? rest : { ...rest, contact: next });
  };

  return (
    <Section anchor="contact" title={t('sectionContact')}>
      <Form.Item label={t('contactPhone')} extra={t('contactPhoneHelp')}>
        <Input
          value={contact.phone}
          placeholder="0571-87001234"
          onChange={(e) => set({ ...contact, phone: e.target.value })}
        />
      </Form.Item>
      <TextField
        label={t('contactAddress')}
        help={t('contactAddressHelp')}
        value={contact.address}
        onChange={(address) => set({ ...contact, address })}
      />
      <TextField label={t('contactHours')} value={contact.hours} onChange={(hours) => set({ ...contact, hours })} />
    </Section>
  );
}
