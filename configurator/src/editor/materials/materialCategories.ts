import type { Text } from '../../document/matter';

/** The material categories of the catalog (form_schemas/matters, `materials[].type`), named:
 * the category picker offers them; a new one is typed as a dotted code. */
export const MATERIAL_CATEGORIES: Record<string, Text> = {
  'identity.resident_id_card': { zh: '居民身份证', en: 'Resident ID card' },
  'identity.household_register': { zh: '居民户口簿', en: 'Household register' },
  'identity.marriage_certificate': { zh: '结婚证', en: 'Marriage certificate' },
  'identity.portrait_photo': { zh: '免冠照片', en: 'Portrait photo' },
  'identity.birth_medical_certificate': { zh: '出生医学证明', en: 'Birth medical certificate' },
  'identity.kinship_proof': { zh: '亲属关系证明', en: 'Proof of kinship' },
  'identity.householder_consent': { zh: '户主同意书', en: "Householder's consent" },
  'identity.paternity_test_report': { zh: '亲子鉴定报告', en: 'Paternity test report' },
  'property.real_estate_certificate': { zh: '不动产权证书', en: 'Real estate certificate' },
  'property.sale_contract': { zh: '房屋买卖合同', en: 'Sale contract' },
  'property.lease_contract': { zh: '房屋租赁合同', en: 'Lease contract' },
  'property.co_owner_consent': { zh: '共有人同意书', en: "Co-owners' consent" },
  'property.neighbour_consent': { zh: '相邻权利人同意书', en: "Neighbours' consent" },
  'property.residence_commitment': { zh: '居住承诺书', en: 'Residence commitment' },
  'tax.deed_tax_receipt': { zh: '契税完税凭证', en: 'Deed tax receipt' },
  'tax.family_housing_commitment': { zh: '家庭住房情况承诺书', en: 'Family housing commitment' },
  'education.degree_certificate': { zh: '学历学位证书', en: 'Degree certificate' },
  'employment.labour_contract': { zh: '劳动合同', en: 'Labour contract' },
};

export const CATEGORY_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** The picker's options: the known categories, the material's own if it is another, and what
 * is being typed if it reads as a category code. */
export function categoryOptions(
  current: string | undefined,
  typed: string,
  name: (text: Text) => string,
): { value: string; label: string }[] {
  const known = Object.entries(MATERIAL_CATEGORIES).map(([value, text]) => ({
    value,
    label: `${name(text)} · ${value}`,
  }));
  const own = [current, typed.trim()].filter(
    (code, i, all): code is string =>
      Boolean(code) && CATEGORY_PATTERN.test(code!) && !(code! in MATERIAL_CATEGORIES) && all.indexOf(code) === i,
  );
  return [...known, ...own.map((value) => ({ value, label: value }))];
}
