import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select } from 'antd';
import type { Situation, SituationOption } from '../../document/matter';
import { moveItem } from '../../document/moveItem';
import { nextId } from '../../document/nextId';
import { useI18n } from '../../i18n/I18nProvider';
import { ItemActions } from '../common/ItemActions';
import { OptionRows } from '../common/OptionRows';
import { Section } from '../common/Section';
import { TextField } from '../common/TextField';
import { ProblemsAt } from '../problems/ProblemsContext';
import type { TabProps } from '../tabProps';

export function SituationsSection({ matter, onChange }: TabProps) {
  const { t } = useI18n();
  const situations = matter.situations ?? [];
  const setAll = (next: Situation[]) => onChange({ ...matter, situations: next });
  const setOne = (index: number, situation: Situation) =>
    setAll(situations.map((old, i) => (i === index ? situation : old)));
  const add = () =>
    setAll([
      ...situations,
      {
        id: nextId('situation', situations),
        question: { zh: '', en: '' },
        options: [
          { value: 'yes', label: { zh: '是', en: 'Yes' } },
          { value: 'no', label: { zh: '否', en: 'No' } },
        ],
      },
    ]);

  return (
    <Section anchor="situations" title={t('sectionSituations')}>
      <p className="help">{t('situationsHelp')}</p>
      {situations.map((situation, index) => (
        <Card
          key={index}
          id={`situation-${index}`}
          size="small"
          className="item"
          title={t('situationNumber', { n: index + 1 })}
          extra={
            <ItemActions
              index={index}
              count={situations.length}
              onMove={(delta) => setAll(moveItem(situations, index, delta))}
              onRemove={() => setAll(situations.filter((_, i) => i !== index))}
            />
          }
        >
          <ProblemsAt anchor={`situation-${index}`} />
          <SituationFields
            situation={situation}
            onChange={(next) => setOne(index, next)}
            path={`/situations/${index}`}
          />
        </Card>
      ))}
      <Button icon={<PlusOutlined />} onClick={add}>
        {t('addSituation')}
      </Button>
    </Section>
  );
}

function SituationFields({
  situation,
  onChange,
  path,
}: {
  situation: Situation;
  onChange: (s: Situation) => void;
  path: string;
}) {
  const { t, pick } = useI18n();
  const options = situation.options ?? [];
  const setOptions = (next: SituationOption[]) => onChange({ ...situation, options: next });

  return (
    <>
      <Form.Item label={t('situationId')} extra={t('idHelp')}>
        <Input
          aria-label={t('situationId')}
          value={situation.id}
          onChange={(e) => onChange({ ...situation, id: e.target.value })}
        />
      </Form.Item>
      <TextField
        label={t('situationQuestion')}
        help={t('situationQuestionHelp')}
        value={situation.question}
        onChange={(question) => onChange({ ...situation, question })}
        path={`${path}/question`}
      />
      <Form.Item label={t('situationOptions')} extra={t('situationOptionsHelp')}>
        <OptionRows options={options} onChange={setOptions} />
      </Form.Item>
      <Form.Item label={t('situationDefault')} extra={t('situationDefaultHelp')}>
        <Select
          allowClear
          value={situation.default === undefined ? undefined : String(situation.default)}
          onChange={(value?: string) => {
            const { default: _old, ...rest } = situation;
            const picked = options.find((o) => String(o.value) === value);
            onChange(picked ? { ...rest, default: picked.value } : rest);
          }}
          options={options.map((o) => ({ value: String(o.value), label: pick(o.label) || String(o.value) }))}
        />
      </Form.Item>
    </>
  );
}
