import { Select } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { categoryOptions } from './materialCategories';

/** A material's category, picked by its name; a new one typed as a dotted code. */
export function CategoryPicker({ value, onChange }: { value?: string; onChange: (type: string) => void }) {
  const { t, pick } = useI18n();
  const [typed, setTyped] = useState('');
  return (
    <Select
      className="category-picker"
      showSearch
      value={value}
      aria-label={t('materialType')}
      onSearch={setTyped}
      onChange={(type: string) => {
        setTyped('');
        onChange(type);
      }}
      optionFilterProp="label"
      options={categoryOptions(value, typed, pick)}
      popupMatchSelectWidth={false}
    />
  );
}
