import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { addField } from '../../document/formDocument';
import type { FieldSchema, Form as MatterForm } from '../../document/matter';
import { useI18n } from '../../i18n/I18nProvider';
import { useDictionaries } from '../DictionariesContext';

const KEY = /^[a-z][a-z0-9_]*$/;

interface Props {
  form: MatterForm | undefined;
  onChange: (form: MatterForm) => void;
}

/** Add a field: a data element of the dictionary (its meaning is shared across matters), or
 * a custom field. */
export function AddFieldBar({ form, onChange }: Props) {
  const { t, pick } = useI18n();
  const { dataElements } = useDictionaries();
  const [element, setElement] = useState<string>();
  const [custom, setCustom] = useState({ key: '', zh: '' });
  const taken = Object.keys(form?.schema?.properties ?? {});
  const customProblem = !custom.key
    ? null
    : !KEY.test(custom.key)
      ? t('fieldKeyInvalid')
      : taken.includes(custom.key)
        ? t('fieldKeyTaken')
        : null;

  const addElement = () => {
    const picked = dataElements.find((e) => e.key === element);
    if (!picked) return;
    onChange(addField(form, picked.key, picked.schema as FieldSchema));
    setElement(undefined);
  };
  const addCustom = () => {
    onChange(addField(form, custom.key, { title: custom.zh, 'x-title-en': '', type: 'string' }));
    setCustom({ key: '', zh: '' });
  };

  return (
    <Row gutter={24}>
      <Col xs={24} lg={12}>
        <Form.Item label={t('addElementField')} extra={t('addElementFieldHelp')}>
          <Row gutter={8} wrap={false}>
            <Col flex="auto">
              <Select
                showSearch
                className="element-picker"
                placeholder={t('pickElement')}
                optionFilterProp="label"
                value={element}
                onChange={setElement}
                options={dataElements.map((e) => ({
                  value: e.key,
                  label: `${pick(e.name)} · ${e.key}`,
                  disabled: taken.includes(e.key),
                }))}
              />
            </Col>
            <Col>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                disabled={!element}
                onClick={addElement}
                className="add-element"
              >
                {t('addField')}
              </Button>
            </Col>
          </Row>
        </Form.Item>
      </Col>
      <Col xs={24} lg={12}>
        <Form.Item
          label={t('addCustomField')}
          extra={
            customProblem ? <Typography.Text type="danger">{customProblem}</Typography.Text> : t('addCustomFieldHelp')
          }
        >
          <Row gutter={8} wrap={false}>
            <Col flex="1">
              <Input
                placeholder={t('customFieldKey')}
                value={custom.key}
                onChange={(e) => setCustom({ ...custom, key: e.target.value.trim() })}
              />
            </Col>
            <Col flex="1">
              <Input
                placeholder={t('customFieldTitle')}
                value={custom.zh}
                onChange={(e) => setCustom({ ...custom, zh: e.target.value })}
              />
            </Col>
            <Col>
              <Button
                icon={<PlusOutlined />}
                disabled={!custom.key || !custom.zh || customProblem !== null}
                onClick={addCustom}
                className="add-custom"
              >
                {t('addField')}
              </Button>
            </Col>
          </Row>
        </Form.Item>
      </Col>
    </Row>
  );
}
