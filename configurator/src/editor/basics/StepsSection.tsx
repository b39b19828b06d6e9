import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input } from 'antd';
import type { OnSiteStep } from '../../document/matter';
import { moveItem } from '../../document/moveItem';
import { nextId } from '../../document/nextId';
import { useI18n } from '../../i18n/I18nProvider';
import { ItemActions } from '../common/ItemActions';
import { Section } from '../common/Section';
import { TextField } from '../common/TextField';
import { ProblemsAt } from '../problems/ProblemsContext';
import type { TabProps } from '../tabProps';

export function StepsSection({ matter, onChange }: TabProps) {
  const { t } = useI18n();
  const steps = matter.on_site_steps ?? [];
  const setAll = (next: OnSiteStep[]) => onChange({ ...matter, on_site_steps: next });
  const setOne = (index: number, step: OnSiteStep) => setAll(steps.map((old, i) => (i === index ? step : old)));
  const empty = { zh: '', en: '' };

  return (
    <Section anchor="on_site_steps" title={t('sectionSteps')}>
      <Alert type="warning" showIcon message={t('stepsHelp')} className="gap-below" />
      {steps.map((step, index) => (
        <Card
          key={index}
          id={`step-${index}`}
          size="small"
          className="item"
          title={t('stepNumber', { n: index + 1 })}
          extra={
            <ItemActions
              index={index}
              count={steps.length}
              onMove={(delta) => setAll(moveItem(steps, index, delta))}
              onRemove={() => setAll(steps.filter((_, i) => i !== index))}
            />
          }
        >
          <ProblemsAt anchor={`step-${index}`} />
          <Form.Item label={t('stepId')} extra={t('idHelp')}>
            <Input
              aria-label={t('stepId')}
              value={step.id}
              onChange={(e) => setOne(index, { ...step, id: e.target.value })}
            />
          </Form.Item>
          <TextField
            label={t('stepName')}
            value={step.name}
            onChange={(name) => setOne(index, { ...step, name })}
            path={`/on_site_steps/${index}/name`}
          />
          <TextField
            label={t('stepDescription')}
            multiline
            value={step.description}
            onChange={(description) => setOne(index, { ...step, description })}
            path={`/on_site_steps/${index}/description`}
          />
          <TextField
            label={t('stepWhy')}
            help={t('stepWhyHelp')}
            multiline
            value={step.why}
            onChange={(why) => setOne(index, { ...step, why })}
            path={`/on_site_steps/${index}/why`}
          />
          {step.required_when !== undefined && <Alert type="info" showIcon message={t('stepHasCondition')} />}
        </Card>
      ))}
      <Button
        icon={<PlusOutlined />}
        onClick={() => setAll([...steps, { id: nextId('step', steps), name: empty, description: empty, why: empty }])}
      >
        {t('addStep')}
      </Button>
    </Section>
  );
}
