import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Form, Space, Tag } from 'antd';
import type { Party } from '../../document/matter';
import { moveItem } from '../../document/moveItem';
import { newParty, removeParty, renameParty } from '../../document/parties';
import { useI18n } from '../../i18n/I18nProvider';
import { ItemActions } from '../common/ItemActions';
import { Section } from '../common/Section';
import { ProblemsAt } from '../problems/ProblemsContext';
import type { TabProps } from '../tabProps';
import { PartyFields } from './PartyFields';

/** 当事人 · Parties: who does the matter when several people do it together. */
export function PartiesTab({ matter, onChange }: TabProps) {
  const { t, pick } = useI18n();
  const parties = matter.parties ?? [];
  const setAll = (next: Party[]) => onChange({ ...matter, parties: next });
  const setOne = (index: number, party: Party) => {
    const old = parties[index];
    const renamed = old && old.id !== party.id ? renameParty(matter, index, party.id) : matter;
    onChange({ ...renamed, parties: (renamed.parties ?? []).map((p, i) => (i === index ? party : p)) });
  };

  return (
    <Form layout="vertical" className="tab-body">
      <Section anchor="parties" title={t('sectionParties')}>
        <p className="help">{t('partiesHelp')}</p>
        {parties.length === 0 && <Empty description={t('noParties')} />}
      </Section>
      {parties.map((party, index) => (
        <Card
          key={index}
          id={`party-${index}`}
          data-party={party.id}
          className="section party-card"
          title={
            <Space>
              <span>{t('partyNumber', { n: index + 1 })}</span>
              <span>{pick(party.name)}</span>
              {party.role && <Tag color={party.role === 'subject' ? 'purple' : 'blue'}>{t(`role_${party.role}`)}</Tag>}
            </Space>
          }
          extra={
            <ItemActions
              index={index}
              count={parties.length}
              onMove={(delta) => setAll(moveItem(parties, index, delta))}
              onRemove={() => onChange(removeParty(matter, index))}
            />
          }
        >
          <ProblemsAt anchor={`party-${index}`} />
          <PartyFields matter={matter} index={index} onChange={(next) => setOne(index, next)} />
        </Card>
      ))}
      <Button
        type="dashed"
        size="large"
        block
        icon={<PlusOutlined />}
        onClick={() => setAll([...parties, newParty(parties)])}
      >
        {t('addParty')}
      </Button>
    </Form>
  );
}
