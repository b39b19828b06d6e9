import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Space, Switch, Typography } from 'antd';
import type { Material } from '../../document/matter';
import { moveItem } from '../../document/moveItem';
import { nextId } from '../../document/nextId';
import { useI18n } from '../../i18n/I18nProvider';
import { LawFields } from '../basics/LegalBasisSection';
import { ItemActions } from '../common/ItemActions';
import { Section } from '../common/Section';
import { TextField } from '../common/TextField';
import type { Location } from '../problems/problemLocation';
import { ProblemsAt } from '../problems/ProblemsContext';
import type { TabProps } from '../tabProps';
import { CategoryPicker } from './CategoryPicker';
import { MaterialPartyFields } from './MaterialPartyFields';
import { WaysEditor } from './WaysEditor';

const empty = () => ({ zh: '', en: '' });

export function MaterialsTab({ matter, onChange, onGoTo }: TabProps & { onGoTo: (location: Location) => void }) {
  const { t, pick } = useI18n();
  const materials = matter.materials ?? [];
  const setAll = (next: Material[]) => onChange({ ...matter, materials: next });
  const setOne = (index: number, material: Material) =>
    setAll(materials.map((old, i) => (i === index ? material : old)));
  const add = () => {
    const id = nextId('material', materials);
    setAll([
      ...materials,
      { id, type: `other.${id}`, name: empty(), description: empty(), why: empty(), sample: empty(), ways: [] },
    ]);
  };

  return (
    <Form layout="vertical" className="tab-body">
      <Section anchor="materials" title={t('sectionMaterials')}>
        <p className="help">{t('materialsHelp')}</p>
      </Section>
      {materials.map((material, index) => {
        const set = (changes: Partial<Material>) => setOne(index, { ...material, ...changes });
        return (
          <Card
            key={index}
            id={`material-${index}`}
            data-material={material.id}
            className="section material-card"
            title={
              <Space>
                <span>{t('materialNumber', { n: index + 1 })}</span>
                <span>{pick(material.name)}</span>
              </Space>
            }
            extra={
              <ItemActions
                index={index}
                count={materials.length}
                onMove={(delta) => setAll(moveItem(materials, index, delta))}
                onRemove={() => setAll(materials.filter((_, i) => i !== index))}
              />
            }
          >
            <ProblemsAt anchor={`material-${index}`} />
            <Space size="large" wrap className="full-width">
              <Form.Item label={t('materialId')} extra={t('idHelp')}>
                <Input value={material.id} onChange={(e) => set({ id: e.target.value })} aria-label={t('materialId')} />
              </Form.Item>
              <Form.Item label={t('materialType')} extra={t('materialTypeHelp')}>
                <CategoryPicker value={material.type} onChange={(type) => set({ type })} />
              </Form.Item>
            </Space>
            <MaterialPartyFields
              matter={matter}
              material={material}
              index={index}
              onChange={(next) => setOne(index, next)}
            />
            <TextField
              label={t('materialName')}
              help={t('materialNameHelp')}
              required
              value={material.name}
              onChange={(name) => set({ name })}
              path={`/materials/${index}/name`}
            />
            <TextField
              label={t('materialDescription')}
              help={t('materialDescriptionHelp')}
              required
              multiline
              value={material.description}
              onChange={(description) => set({ description })}
              path={`/materials/${index}/description`}
            />
            <TextField
              label={t('materialWhy')}
              help={t('materialWhyHelp')}
              required
              multiline
              value={material.why}
              onChange={(why) => set({ why })}
              path={`/materials/${index}/why`}
            />
            <TextField
              label={t('materialSample')}
              help={t('materialSampleHelp')}
              required
              multiline
              value={material.sample}
              onChange={(sample) => set({ sample })}
              path={`/materials/${index}/sample`}
            />
            <Form.Item label={t('materialLegalBasis')} extra={t('materialLegalBasisHelp')}>
              <Switch
                aria-label={t('materialLegalBasis')}
                checked={material.legal_basis !== undefined}
                onChange={(on) => {
                  const { legal_basis: _old, ...rest } = material;
                  setOne(index, on ? { ...rest, legal_basis: { title: empty() } } : rest);
                }}
              />
            </Form.Item>
            {material.legal_basis && (
              <LawFields
                law={material.legal_basis}
                onChange={(legal_basis) => set({ legal_basis })}
                path={`/materials/${index}/legal_basis`}
              />
            )}
            <Form.Item label={t('requiredWhen')}>
              <Space>
                <Typography.Text>
                  {material.required_when === undefined ? t('alwaysRequired') : t('requiredOnCondition')}
                </Typography.Text>
                <Button onClick={() => onGoTo({ tab: 'rules', anchor: `required-${index}` })}>
                  {t('editCondition')}
                </Button>
              </Space>
            </Form.Item>
            <WaysEditor ways={material.ways ?? []} onChange={(ways) => set({ ways })} />
          </Card>
        );
      })}
      <Button type="dashed" size="large" block icon={<PlusOutlined />} onClick={add}>
        {t('addMaterial')}
      </Button>
    </Form>
  );
}
