/** A sensible applicant profile to start a test case from (profile keys of elements.json). */
export const exampleProfile = {
  name: '陈静',
  id_number: '330106198512030024',
  sex: 'female',
  birth_date: '1985-12-03',
  age: 40,
  mobile: '13800000000',
  hukou_region: '330106',
  hukou_address: '浙江省杭州市西湖区文三路 1 号',
};
