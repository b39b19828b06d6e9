import { QueryBuilderAntD } from '@react-querybuilder/antd';
import { Alert, Button, Input, Segmented, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { QueryBuilder, type Field, type RuleGroupType } from 'react-querybuilder';
import { deepEqual } from '../document/deepEqual';
import { useI18n } from '../i18n/I18nProvider';
import { builderOperators } from './builderOperators';
import { queryToRule, ruleToQuery } from './ruleQuery';

interface Props {
  rule: unknown;
  /** undefined: no condition (the rule is removed). */
  onChange: (rule: unknown) => void;
  fields: Field[];
  /** What an empty rule means, told to the reader, e.g. 总是需要. */
  emptyLabel: string;
  testId?: string;
}

type Mode = 'builder' | 'raw';

const show = (rule: unknown) => (rule === undefined ? '' : JSON.stringify(rule, null, 2));

/** A JsonLogic rule, edited with the visual builder when it can show the rule exactly, else as
 * raw JSON, kept exactly as typed. */
export function RuleEditor({ rule, onChange, fields, emptyLabel, testId }: Props) {
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
    </div>
  );
}
