import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown, Form, InputNumber, Select, Space, Tag } from 'antd';
import type { Way, WayKind } from '../../document/matter';
import { moveItem } from '../../document/moveItem';
import { useI18n } from '../../i18n/I18nProvider';
import { ItemActions } from '../common/ItemActions';
import { TextField } from '../common/TextField';
import { useDictionaries } from '../DictionariesContext';
import { newWay } from './newWay';

const KINDS: WayKind[] = ['e_license', 'shared_data', 'commitment', 'upload', 'original'];
const ONCE: WayKind[] = ['commitment', 'upload', 'original'];
const COSTS_A_TRIP: WayKind[] = ['original'];
const MIME_TYPES = ['image/jpeg', 'image/png', 'application/pdf'];
const MB = 1024 * 1024;

interface Props {
  ways: Way[];
  onChange: (ways: Way[]) => void;
}

/** The ways to satisfy a material, in order of preference. */
export function WaysEditor({ ways, onChange }: Props) {
  const { t } = useI18n();
  const setOne = (index: number, way: Way) => onChange(ways.map((old, i) => (i === index ? way : old)));
  const present = new Set(ways.map((w) => w.kind));

  return (
    <Form.Item label={t('ways')} extra={t('waysHelp')} className="ways">
      {ways.map((way, index) => (
        <Card
          key={index}
          size="small"
          className="way"
          data-way={way.kind}
          title={
            <Space>
              <span>{index + 1}.</span>
              <span>{t(`way_${way.kind}`)}</span>
              <Tag color={COSTS_A_TRIP.includes(way.kind) ? 'red' : 'green'}>
                {COSTS_A_TRIP.includes(way.kind) ? t('costsATrip') : t('noTrip')}
              </Tag>
            </Space>
          }
          extra={
            <ItemActions
              index={index}
              count={ways.length}
              onMove={(delta) => onChange(moveItem(ways, index, delta))}
              onRemove={() => onChange(ways.filter((_, i) => i !== index))}
            />
          }
        >
          <WayFields way={way} onChange={(next) => setOne(index, next)} />
        </Card>
      ))}
      <Dropdown
        menu={{
          items: KINDS.map((kind) => ({
            key: kind,
            label: t(`way_${kind}`),
            disabled: ONCE.includes(kind) && present.has(kind),
          })),
          onClick: ({ key }) => onChange([...ways, newWay(key as WayKind)]),
        }}
      >
        <Button icon={<PlusOutlined />} className="add-way">
          {t('addWay')}
        </Button>
      </Dropdown>
    </Form.Item>
  );
}

function WayFields({ way, onChange }: { way: Way; onChange: (way: Way) => void }) {
  const { t, pick } = useI18n();
  const { licenseTypes, sharedSources, dataElements } = useDictionaries();
  switch (way.kind) {
    case 'e_license':
      return (
        <Form.Item label={t('licenseType')} extra={t('licenseTypeHelp')}>
          <Select
            showSearch
            aria-label={t('licenseType')}
            className="license-type"
            optionFilterProp="label"
            value={way.license_type || undefined}
            onChange={(license_type: string) => onChange({ ...way, license_type })}
            options={licenseTypes.map((l) => ({ value: l.type, label: `${pick(l.name)}（${l.type}）` }))}
          />
        </Form.Item>
      );
    case 'shared_data': {
      const source = sharedSources.find((s) => s.id === way.source);
      const elementName = (key: string) => pick(dataElements.find((e) => e.key === key)?.name) || key;
      return (
        <>
          <Form.Item label={t('sharedSource')} extra={t('sharedSourceHelp')}>
            <Select
              aria-label={t('sharedSource')}
              value={way.source || undefined}
              onChange={(id: string) => onChange({ ...way, source: id, elements: [] })}
              options={sharedSources.map((s) => ({ value: s.id, label: `${pick(s.name)}（${s.id}）` }))}
            />
          </Form.Item>
          <Form.Item label={t('sharedElements')} extra={t('sharedElementsHelp')}>
            <Select
              mode="multiple"
              aria-label={t('sharedElements')}
              value={way.elements}
              onChange={(elements: string[]) => onChange({ ...way, elements })}
              options={(source?.elements ?? []).map((key) => ({ value: key, label: elementName(key) }))}
            />
          </Form.Item>
        </>
      );
    }
    case 'commitment':
      return (
        <TextField
          label={t('commitmentText')}
          help={t('commitmentTextHelp')}
          multiline
          value={way.text}
          onChange={(text) => onChange({ ...way, text })}
        />
      );
    case 'upload':
      return (
        <Space size="large" wrap>
          <Form.Item label={t('uploadAccept')} extra={t('uploadAcceptHelp')}>
            <Select
              mode="tags"
              aria-label={t('uploadAccept')}
              className="upload-accept"
              value={way.accept}
              onChange={(accept: string[]) => onChange({ ...way, accept })}
              options={MIME_TYPES.map((type) => ({ value: type, label: t(`mime_${type}` as 'mime_image/jpeg') }))}
            />
          </Form.Item>
          <Form.Item label={t('uploadMaxSize')} extra={t('uploadMaxSizeHelp')}>
            <InputNumber
              min={1}
              aria-label={t('uploadMaxSize')}
              addonAfter="MB"
              value={way.max_bytes === undefined ? undefined : Math.round(way.max_bytes / MB)}
              onChange={(mb) => {
                const { max_bytes: _old, ...rest } = way;
                onChange(mb ? { ...rest, max_bytes: mb * MB } : rest);
              }}
            />
          </Form.Item>
        </Space>
      );
    case 'original':
      return (
        <>
          <Form.Item label={t('originalCopies')} extra={t('originalCopiesHelp')}>
            <InputNumber
              min={0}
              aria-label={t('originalCopies')}
              value={way.copies}
              onChange={(copies) => onChange({ ...way, copies: copies ?? 0 })}
            />
          </Form.Item>
          <TextField
            label={t('originalNote')}
            help={t('originalNoteHelp')}
            value={way.note}
            onChange={(note) => onChange({ ...way, note })}
          />
        </>
      );
  }
}
