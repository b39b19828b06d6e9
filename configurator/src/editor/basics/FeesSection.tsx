import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber } from 'antd';
import type { Fee } from '../../document/matter';
import { moveItem } from '../../document/moveItem';
import { nextId } from '../../document/nextId';
import { useI18n } from '../../i18n/I18nProvider';
import { ItemActions } from '../common/ItemActions';
import { Section } from '../common/Section';
import { TextField } from '../common/TextField';
import { ProblemsAt } from '../problems/ProblemsContext';
import type { TabProps } from '../tabProps';

export function FeesSection({ matter, onChange }: TabProps) {
  const { t, pick } = useI18n();
  const fees = matter.fees ?? [];
  const setAll = (next: Fee[]) => onChange({ ...matter, fees: next });
  const setOne = (index: number, fee: Fee) => setAll(fees.map((old, i) => (i === index ? fee : old)));

  return (
    <Section anchor="fees" title={t('sectionFees')}>
      <p className="help">{t('feesHelp')}</p>
      {fees.map((fee, index) => (
        <Card
          key={index}
          id={`fee-${index}`}
          size="small"
          className="item"
          title={t('feeNumber', { n: index + 1 })}
          extra={
            <ItemActions
              index={index}
              count={fees.length}
              onMove={(delta) => setAll(moveItem(fees, index, delta))}
              onRemove={() => setAll(fees.filter((_, i) => i !== index))}
            />
          }
        >
          <ProblemsAt anchor={`fee-${index}`} />
          <Form.Item label={t('feeId')} extra={t('idHelp')}>
            <Input
              aria-label={t('feeId')}
              value={fee.id}
              onChange={(e) => setOne(index, { ...fee, id: e.target.value })}
            />
          </Form.Item>
          <TextField
            label={t('feeName')}
            value={fee.name}
            onChange={(name) => setOne(index, { ...fee, name })}
            path={`/fees/${index}/name`}
          />
          {fee.amount !== undefined ? (
            <Alert type="info" showIcon message={t('feeComputed', { formula: pick(fee.formula) })} />
          ) : (
            <Form.Item label={t('feeAmount')} extra={t('feeAmountHelp')}>
              <InputNumber
                min={0}
                value={fee.amount_cny}
                addonAfter={t('yuan')}
                onChange={(v) => setOne(index, { ...fee, amount_cny: v ?? 0 })}
              />
            </Form.Item>
          )}
          <TextField
            label={t('feeBasis')}
            help={t('feeBasisHelp')}
            value={fee.basis}
            onChange={(basis) => setOne(index, { ...fee, basis })}
          />
          {fee.when !== undefined && <Alert type="info" showIcon message={t('feeHasCondition')} />}
        </Card>
      ))}
      <Button
        icon={<PlusOutlined />}
        onClick={() => setAll([...fees, { id: nextId('fee', fees), name: { zh: '', en: '' }, amount_cny: 0 }])}
      >
        {t('addFee')}
      </Button>
    </Section>
  );
}
