import {
  AntDActionElement,
  AntDNotToggle,
  AntDValueEditor,
  AntDValueSelector,
  QueryBuilderAntD,
} from '@react-querybuilder/antd';
import { Alert, Button, Input, Segmented, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import {
  QueryBuilder,
  type ActionProps,
  type NotToggleProps,
  type RuleGroupType,
  type ValueEditorProps,
  type ValueSelectorProps,
} from 'react-querybuilder';
import { deepEqual } from '../document/deepEqual';
import { useI18n } from '../i18n/I18nProvider';
import { builderOperators } from './builderOperators';
import type { RuleField } from './ruleFields';
import { offers, queryToRule, ruleToQuery } from './ruleQuery';
import { ruleSentence, type SayKey } from './sentence';

interface Props {
  rule: unknown;
  /** undefined: no condition (the rule is removed). */
  onChange: (rule: unknown) => void;
  fields: RuleField[];
  /** What an empty rule means, told to the reader, e.g. 总是需要. */
  emptyLabel: string;
  /** What a rule that holds means, for the sentence under the builder. */
  sentence: 'sentence_eligibility' | 'sentence_material' | 'sentence_field';
  testId?: string;
}

// Every control of the builder has an accessible name: its title (条件项, 比较方式, 比较的值…).
const named = (title: string | undefined) => ({ 'aria-label': title });
const ValueSelector = (props: ValueSelectorProps) => <AntDValueSelector {...props} {...named(props.title)} />;
const ActionElement = (props: ActionProps) => <AntDActionElement {...props} {...named(props.title)} />;
const NotToggle = (props: NotToggleProps) => <AntDNotToggle {...props} {...named(props.title)} />;

/** Options are picked from the field's option names; several texts are typed as tags. */
function ValueEditor(props: ValueEditorProps) {
  const { t } = useI18n();
  if (props.type === 'multiselect' && !props.values?.length) {
    const value: string[] = Array.isArray(props.value)
      ? props.value.map(String)
      : props.value
        ? String(props.value).split(',')
        : [];
    return (
      <Select
        mode="tags"
        className={props.className}
        aria-label={props.title}
        value={value}
        onChange={(next: string[]) => props.handleOnChange(next)}
        tokenSeparators={[',', '，', '、']}
        placeholder={t('ruleTagsPlaceholder')}
        popupMatchSelectWidth={false}
        style={{ minWidth: 200 }}
        open={false}
        suffixIcon={null}
      />
    );
  }
  return <AntDValueEditor {...props} extraProps={named(props.title)} />;
}

const controlElements = {
  valueSelector: ValueSelector,
  valueEditor: ValueEditor,
  actionElement: ActionElement,
  notToggle: NotToggle,
};

type Mode = 'builder' | 'raw';

const show = (rule: unknown) => (rule === undefined ? '' : JSON.stringify(rule, null, 2));

/** A JsonLogic rule, edited with the visual builder when it can show the rule exactly, else as
 * raw JSON, kept exactly as typed. */
export function RuleEditor({ rule, onChange, fields, emptyLabel, sentence, testId }: Props) {
  const { t } = useI18n();
  const emitted = useRef<unknown>(rule);
  const [query, setQuery] = useState<RuleGroupType | null>(() => ruleToQuery(rule, fields));
  const [mode, setMode] = useState<Mode>(query ? 'builder' : 'raw');
  const [raw, setRaw] = useState(() => show(rule));
  const [rawError, setRawError] = useState<string | null>(null);
  // Typed or loaded rules the builder cannot show exactly are "advanced"; what the builder
  // itself writes never is.
  const [advanced, setAdvanced] = useState(query === null);

  // A rule changed from outside (reloaded, restored, fixed by the advisor) is shown afresh.
  useEffect(() => {
    if (deepEqual(rule, emitted.current)) return;
    emitted.current = rule;
    const next = ruleToQuery(rule, fields);
    setQuery(next);
    setAdvanced(next === null);
    setRaw(show(rule));
    setRawError(null);
    if (!next) setMode('raw');
  }, [rule, fields]);

  const emit = (next: unknown) => {
    emitted.current = next;
    onChange(next);
  };
  const operators = builderOperators.map((op) => ({ ...op, label: t(`op_${op.name}` as 'op_=') }));
  const said = query?.rules.length ? ruleSentence(query, fields, (key: SayKey, values) => t(key, values)) : '';

  const changeRaw = (text: string) => {
    setRaw(text);
    if (!text.trim()) {
      setRawError(null);
      setQuery(ruleToQuery(undefined, fields));
      setAdvanced(false);
      emit(undefined);
      return;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      const next = ruleToQuery(parsed, fields);
      setRawError(null);
      setQuery(next);
      setAdvanced(next === null);
      emit(parsed);
    } catch {
      setRawError(t('rawInvalidJson'));
    }
  };

  return (
    <div className="rule-editor" data-testid={testId} data-mode={mode} data-advanced={advanced}>
      <Space className="rule-editor-bar" wrap>
        <Segmented<Mode>
          value={mode}
          onChange={setMode}
          options={[
            { value: 'builder', label: t('ruleBuilder'), disabled: advanced || rawError !== null },
            { value: 'raw', label: t('ruleRaw') },
          ]}
        />
        {rule === undefined && <Typography.Text type="secondary">{emptyLabel}</Typography.Text>}
        {rule !== undefined && (
          <Button size="small" onClick={() => changeRaw('')}>
            {t('ruleClear')}
          </Button>
        )}
      </Space>
      {advanced && (
        <Alert
          className="rule-advanced"
          type="warning"
          showIcon
          message={t('ruleAdvanced')}
          description={t('ruleAdvancedHelp')}
        />
      )}
      {mode === 'builder' && query ? (
        <QueryBuilderAntD>
          <QueryBuilder
            fields={fields}
            query={query}
            onQueryChange={(next) => {
              setQuery(next);
              setRaw(show(queryToRule(next, fields)));
              emit(queryToRule(next, fields));
            }}
            operators={operators}
            getOperators={(_, { fieldData }) => operators.filter((op) => offers(fieldData, op.name))}
            controlElements={controlElements}
            listsAsArrays
            combinators={[
              { name: 'and', label: t('combinatorAnd') },
              { name: 'or', label: t('combinatorOr') },
            ]}
            translations={{
              addRule: { label: t('addCondition'), title: t('addCondition') },
              addGroup: { label: t('addGroup'), title: t('addGroup') },
              removeRule: { label: '✕', title: t('delete') },
              removeGroup: { label: '✕', title: t('delete') },
              notToggle: { label: t('notToggle'), title: t('notToggle') },
              fields: { title: t('ruleFieldTitle') },
              operators: { title: t('ruleOperatorTitle') },
              value: { title: t('ruleValueTitle') },
              combinators: { title: t('ruleCombinatorTitle') },
              valueSourceSelector: { title: t('ruleValueSourceTitle') },
            }}
            showNotToggle
            enableMountQueryChange={false}
            resetOnFieldChange
          />
        </QueryBuilderAntD>
      ) : (
        mode === 'raw' && (
          <>
            <Input.TextArea
              className="rule-raw"
              aria-label={t('ruleRaw')}
              autoSize={{ minRows: 3, maxRows: 16 }}
              value={raw}
              onChange={(e) => changeRaw(e.target.value)}
              placeholder='{"==": [{"var": "situation.applicant_role"}, "seller"]}'
              spellCheck={false}
            />
            {rawError && <Typography.Text type="danger">{rawError}</Typography.Text>}
          </>
        )
      )}
      {said && !advanced && (
        <p className="rule-sentence" aria-live="polite">
          <span className="rule-sentence-label">{t('ruleSentenceLabel')}</span>
          {t(sentence, { condition: said })}
        </p>
      )}
    </div>
  );
}
