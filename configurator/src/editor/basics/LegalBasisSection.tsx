import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input } from 'antd';
import type { LegalBasis } from '../../document/matter';
import { moveItem } from '../../document/moveItem';
import { useI18n } from '../../i18n/I18nProvider';
import { ItemActions } from '../common/ItemActions';
import { Section } from '../common/Section';
import { TextField } from '../common/TextField';
import type { TabProps } from '../tabProps';

export function LegalBasisSection({ matter, onChange }: TabProps) {
  const { t } = useI18n();
  const laws = matter.legal_basis ?? [];
  const setLaws = (next: LegalBasis[]) => onChange({ ...matter, legal_basis: next });
  const setLaw = (index: number, law: LegalBasis) => setLaws(laws.map((old, i) => (i === index ? law : old)));

  return (
    <Section anchor="legal_basis" title={t('sectionLegalBasis')}>
      <p className="help">{t('legalBasisHelp')}</p>
      {laws.map((law, index) => (
        <Card
          key={index}
          size="small"
          className="item"
          title={t('lawNumber', { n: index + 1 })}
          extra={
            <ItemActions
              index={index}
              count={laws.length}
              onMove={(delta) => setLaws(moveItem(laws, index, delta))}
              onRemove={() => setLaws(laws.filter((_, i) => i !== index))}
            />
          }
        >
          <LawFields law={law} onChange={(next) => setLaw(index, next)} path={`/legal_basis/${index}`} />
        </Card>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => setLaws([...laws, { title: { zh: '', en: '' } }])}>
        {t('addLaw')}
      </Button>
    </Section>
  );
}

/** The title and article of one law (also a material's legal basis). */
export function LawFields({
  law,
  onChange,
  path,
}: {
  law: LegalBasis;
  onChange: (law: LegalBasis) => void;
  path: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        label={t('lawTitle')}
        help={t('lawTitleHelp')}
        value={law.title}
        onChange={(title) => onChange({ ...law, title })}
        path={`${path}/title`}
      />
      <Form.Item label={t('lawArticle')} extra={t('lawArticleHelp')}>
        <Input
          value={law.article}
          placeholder="第十四条"
          onChange={(e) => {
            const { article: _old, ...rest } = law;
            onChange(e.target.value ? { ...rest, article: e.target.value } : rest);
          }}
        />
      </Form.Item>
    </>
  );
}
