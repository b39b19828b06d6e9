import { Form, Input, Select } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { Section } from '../common/Section';
import { useItemProblems } from '../common/useItemProblems';
import { TextField } from '../common/TextField';
import { useDictionaries } from '../DictionariesContext';
import type { TabProps } from '../tabProps';

export function DepartmentSection({ matter, onChange }: TabProps) {
  const { t, pick } = useI18n();
  const { departments } = useDictionaries();
  const department = matter.department ?? {};
  const codeProblems = useItemProblems('/department/code');
  const set = (changes: typeof department) => onChange({ ...matter, department: { ...department, ...changes } });

  return (
    <Section anchor="department" title={t('sectionDepartment')}>
      <Form.Item label={t('pickDepartment')} extra={t('pickDepartmentHelp')}>
        <Select
          aria-label={t('pickDepartment')}
          showSearch
          allowClear
          optionFilterProp="label"
          placeholder={t('pickDepartmentPlaceholder')}
          value={departments.some((d) => d.code === department.code) ? department.code : undefined}
          onChange={(code?: string) => {
            const picked = departments.find((d) => d.code === code);
            if (picked) set({ code: picked.code, name: { zh: picked.name.zh, en: picked.name.en } });
          }}
          options={departments.map((d) => ({ value: d.code, label: `${pick(d.name)}（${d.code}）` }))}
        />
      </Form.Item>
      <Form.Item label={t('departmentCode')} extra={t('departmentCodeHelp')} {...codeProblems}>
        <Input
          aria-label={t('departmentCode')}
          value={department.code}
          onChange={(e) => set({ code: e.target.value })}
          placeholder="330106-ZJJ"
        />
      </Form.Item>
      <TextField
        label={t('departmentName')}
        help={t('departmentNameHelp')}
        value={department.name}
        onChange={(name) => set({ name })}
        path="/department/name"
      />
    </Section>
  );
}
