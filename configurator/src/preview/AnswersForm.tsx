import RjsfForm from '@rjsf/antd';
import { Form, Radio } from 'antd';
import { useMemo } from 'react';
import type { Matter } from '../document/matter';
import { useI18n } from '../i18n/I18nProvider';
import { previewForm, type RuleData } from './previewForm';
import { validators } from './validator';

interface Props {
  matter: Matter;
  data: RuleData;
  onChange: (changes: Pick<RuleData, 'answers' | 'situation'>) => void;
}

const onlyVisible = (answers: Record<string, unknown>, visible: string[]) =>
  Object.fromEntries(Object.entries(answers).filter(([name, value]) => visible.includes(name) && value !== undefined));

/** The situation questions and the form, as the applicant sees them, in the UI's language. */
export function AnswersForm({ matter, data, onChange }: Props) {
  const { lang, pick, t } = useI18n();
  const form = useMemo(() => previewForm(matter.form, lang, data), [matter.form, lang, data]);

  return (
    <div className="answers-form">
      {(matter.situations ?? []).length > 0 && (
        <Form layout="vertical" className="situations">
          {(matter.situations ?? []).map((situation) => (
            <Form.Item
              key={situation.id}
              label={pick(situation.question) || situation.id}
              data-situation={situation.id}
            >
              <Radio.Group
                value={data.situation[situation.id]}
                onChange={(e) =>
                  onChange({ answers: data.answers, situation: { ...data.situation, [situation.id]: e.target.value } })
                }
              >
                {(situation.options ?? []).map((option) => (
                  <Radio key={String(option.value)} value={option.value} className="block-radio">
                    {pick(option.label)}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
          ))}
        </Form>
      )}
      <RjsfForm
        schema={form.schema}
        uiSchema={form.uiSchema}
        formData={data.answers}
        validator={validators[lang]}
        transformErrors={(errors) =>
          errors.map((error) =>
            error.name === 'format'
              ? { ...error, message: t('formatInvalid') }
              : error.name === 'required'
                ? { ...error, message: t('fieldMissing') }
                : error,
          )
        }
        liveValidate
        showErrorList={false}
        onChange={(event) =>
          onChange({
            situation: data.situation,
            answers: onlyVisible((event.formData ?? {}) as Record<string, unknown>, form.visible),
          })
        }
      />
    </div>
  );
}
