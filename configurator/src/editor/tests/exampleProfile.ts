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

export type Profile = Record<string, unknown>;

/** The demo residents (form_schemas/demo/residents.json) a test case may start from. */
export const DEMO_RESIDENTS = [
  { id: 'demo-1', name: '王建国', id_number: '330106196803120311', mobile: '13857100001', hukou_region: '330106', hukou_address: '浙江省杭州市西湖区文三路 188 号 2 幢 3 单元 502 室' },
  { id: 'demo-2', name: '李婷', id_number: '330102199107210522', mobile: '13957100002', hukou_region: '330102', hukou_address: '浙江省杭州市上城区望江路 56 号 1 幢 1201 室' },
  { id: 'demo-3', name: '赵敏', id_number: '330106199411050645', mobile: '13757100003', hukou_region: '330106', hukou_address: '浙江省杭州市西湖区古墩路 601 号 5 幢 2 单元 801 室' },
  { id: 'demo-4', name: '张秀英', id_number: '330106195209180229', mobile: '13605710004', hukou_region: '330106', hukou_address: '浙江省杭州市西湖区翠苑一区 12 幢 1 单元 301 室' },
  { id: 'demo-5', name: '陈浩然', id_number: '330106201006080031', mobile: '13857100005', hukou_region: '330106', hukou_address: '浙江省杭州市西湖区天目山路 398 号 3 幢 602 室' },
  { id: 'demo-6', name: '周宇航', id_number: '320102199804270414', mobile: '18851700006', hukou_region: '320102', hukou_address: '江苏省南京市玄武区北京东路 41 号 7 幢 402 室' },
  { id: 'demo-7', name: '李萍', id_number: '330106197905160028', mobile: '13957100007', hukou_region: '330106', hukou_address: '浙江省杭州市西湖区文二路 35 号 4 幢 2 单元 601 室' },
  { id: 'demo-8', name: '林慧', id_number: '330106198406070049', mobile: '13757100008', hukou_region: '330106', hukou_address: '浙江省杭州市西湖区天目山路 398 号 3 幢 602 室' },
]; // prettier-ignore

/** What a resident ID number says (GB 11643): the birth date and, by the 17th digit, the sex. */
export function fromResidentId(idNumber: string): { birth_date: string; sex: 'male' | 'female' } | null {
  const found = /^\d{6}(\d{4})(\d{2})(\d{2})\d{2}(\d)[\dX]$/i.exec(idNumber.trim());
  if (!found) return null;
  const [, year, month, day, sexDigit] = found as unknown as [string, string, string, string, string];
  const date = new Date(`${year}-${month}-${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(day)) return null;
  return { birth_date: `${year}-${month}-${day}`, sex: Number(sexDigit) % 2 ? 'male' : 'female' };
}

/** Full years from a birth date to `today` (YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** The profile of a test applicant from what the form asks; the birth date, sex and age come
 * from the resident ID (as real sign-in gives them). Other keys of `base` are kept. */
export function applicantProfile(base: Profile, fields: Profile, today: string): Profile {
  const profile: Profile = { ...base, ...fields };
  const derived = fromResidentId(String(profile.id_number ?? ''));
  if (derived) Object.assign(profile, derived, { age: ageOn(derived.birth_date, today) });
  return profile;
}
