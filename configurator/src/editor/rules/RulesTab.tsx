import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Form, Input, Radio } from 'antd';
import { useMemo } from 'react';
import { changeFieldUi, fieldsOf } from '../../document/formDocument';
import type { EligibilityRule, Material } from '../../document/matter';
import { moveItem } from '../../document/moveItem';
import { nextId } from '../../document/nextId';
import { useI18n } from '../../i18n/I18nProvider';
import { RuleEditor } from '../../rules/RuleEditor';
import { ruleFields } from '../../rules/ruleFields';
import { ItemActions } from '../common/ItemActions';
import { Section } from '../common/Section';
import { TextField } from '../common/TextField';
import { useDictionaries } from '../DictionariesContext';
import { ProblemsAt } from '../problems/ProblemsContext';
import type { TabProps } from '../tabProps';

/** Whether a builder field reads this path: the answer itself or a block derived from it. */
const isOf = (name: string, path: string) => name === path || name.endsWith(`:${path}`);

export function RulesTab({ matter, onChange }: TabProps) {
  const { t, pick } = useI18n();
  const { dataElements } = useDictionaries();
  const fields = useMemo(
    () =>
      ruleFields(matter, dataElements, {
        pick,
        answers: t('ruleRootAnswers'),
        situation: t('ruleRootSituation'),
        applicant: t('ruleRootApplicant'),
        value: t('valueSourceValue'),
        field: t('valueSourceField'),
        verified: t('ruleVerified'),
        colon: t('ruleColon'),
        derived: (kind, of) =>
          'who' in of && (kind === 'age_by_id' || kind === 'birth_by_id')
            ? t(`derived_${kind}_who`, of)
            : kind === 'age_by_id' || kind === 'birth_by_id'
              ? t(`derived_${kind}_source`, of)
              : kind === 'age_by_date'
                ? t('derived_age_by_date', of)
                : t('derived_days_since', of),
      }),
    [matter, dataElements, pick, t],
  );
  const rules = matter.eligibility ?? [];
  const materials = matter.materials ?? [];
  const setRules = (next: EligibilityRule[]) => onChange({ ...matter, eligibility: next });
  const setRule = (index: number, rule: EligibilityRule) => setRules(rules.map((old, i) => (i === index ? rule : old)));
  const setCondition = (index: number, condition: unknown) =>
    onChange({
      ...matter,
      materials: materials.map((material, i): Material => {
        if (i !== index) return material;
        const { required_when: _old, ...rest } = material;
        return condition === undefined ? rest : { ...rest, required_when: condition };
      }),
    });

  return (
    <Form layout="vertical" className="tab-body">
      <Section anchor="eligibility" title={t('sectionEligibility')}>
        <p className="help">{t('eligibilityHelp')}</p>
        {rules.map((rule, index) => (
          <Card
            key={index}
            id={`eligibility-${index}`}
            data-rule={rule.id}
            size="small"
            className="item"
            title={t('ruleNumber', { n: index + 1 })}
            extra={
              <ItemActions
                index={index}
                count={rules.length}
                onMove={(delta) => setRules(moveItem(rules, index, delta))}
                onRemove={() => setRules(rules.filter((_, i) => i !== index))}
              />
            }
          >
            <ProblemsAt anchor={`eligibility-${index}`} />
            <Form.Item label={t('ruleId')} extra={t('idHelp')}>
              <Input
                aria-label={t('ruleId')}
                value={rule.id}
                onChange={(e) => setRule(index, { ...rule, id: e.target.value })}
              />
            </Form.Item>
            <Form.Item label={t('ruleCondition')} extra={t('ruleConditionHelp')}>
              <RuleEditor
                rule={rule.rule}
                onChange={(next) => setRule(index, { ...rule, rule: next ?? true })}
                fields={fields}
                emptyLabel={t('ruleEmptyEligibility')}
                sentence="sentence_eligibility"
                testId={`rule-${rule.id}`}
              />
            </Form.Item>
            <Form.Item label={t('ruleEffect')} extra={t('ruleEffectHelp')}>
              <Radio.Group
                value={rule.effect}
                onChange={(e) => setRule(index, { ...rule, effect: e.target.value as EligibilityRule['effect'] })}
                options={[
                  { value: 'block', label: t('effectBlock') },
                  { value: 'warn', label: t('effectWarn') },
                ]}
              />
            </Form.Item>
            <TextField
              label={t('ruleMessage')}
              help={t('ruleMessageHelp')}
              multiline
              value={rule.message}
              onChange={(message) => setRule(index, { ...rule, message })}
              path={`/eligibility/${index}/message`}
            />
          </Card>
        ))}
        <Button
          icon={<PlusOutlined />}
          onClick={() =>
            setRules([
              ...rules,
              { id: nextId('rule', rules), rule: true, message: { zh: '', en: '' }, effect: 'block' },
            ])
          }
        >
          {t('addRule')}
        </Button>
      </Section>

      <Section anchor="material-conditions" title={t('sectionMaterialConditions')}>
        <p className="help">{t('materialConditionsHelp')}</p>
        {materials.length === 0 && <Empty description={t('noMaterials')} />}
        {materials.map((material, index) => (
          <Card
            key={index}
            id={`required-${index}`}
            size="small"
            className="item"
            title={pick(material.name) || material.id}
          >
            <ProblemsAt anchor={`required-${index}`} />
            <RuleEditor
              rule={material.required_when}
              onChange={(next) => setCondition(index, next)}
              fields={fields}
              emptyLabel={t('ruleEmptyMaterial')}
              sentence="sentence_material"
              testId={`required-${material.id}`}
            />
          </Card>
        ))}
      </Section>

      <Section anchor="field-conditions" title={t('sectionFieldConditions')}>
        <p className="help">{t('fieldConditionsHelp')}</p>
        {fieldsOf(matter.form).map((field) => (
          <Card
            key={field.name}
            id={`visible-${field.name}`}
            size="small"
            className="item"
            title={`${field.schema.title ?? field.name}（${field.name}）`}
          >
            <ProblemsAt anchor={`visible-${field.name}`} />
            <RuleEditor
              rule={field.ui['ui:visibleWhen']}
              onChange={(next) =>
                onChange({ ...matter, form: changeFieldUi(matter.form, field.name, { 'ui:visibleWhen': next }) })
              }
              fields={fields.filter((f) => !isOf(f.name, `answers.${field.name}`))}
              emptyLabel={t('ruleEmptyField')}
              sentence="sentence_field"
              testId={`visible-${field.name}`}
            />
          </Card>
        ))}
      </Section>
    </Form>
  );
}
