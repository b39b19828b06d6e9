import type { Matter, Text } from '../document/matter';
import { pointerParts } from '../document/pointerParts';
import type { Lang } from './I18nProvider';

/** Problems and differences said in words: what a JSON pointer of a matter document is about,
 * named as the editor names it (「材料「房屋照片」的说明」), not as a pointer (`/materials/0/why`). */

type Words = [string, string];

/** The document's keys as the editor labels them: [中文, English]. */
const KEYS: Record<string, Words> = {
  code: ['事项编码', 'matter code'],
  region: ['区划', 'region'],
  extends: ['细化的模板', 'template'],
  name: ['名称', 'name'],
  summary: ['事项摘要', 'summary'],
  kind: ['事项类型', 'kind'],
  audience: ['服务对象', 'audience'],
  department: ['实施部门', 'department'],
  keywords: ['搜索关键词', 'keywords'],
  legal_basis: ['设定依据', 'legal basis'],
  situations: ['情形', 'situation'],
  parties: ['当事人', 'party'],
  form: ['表单', 'form'],
  eligibility: ['申请条件', 'eligibility rule'],
  materials: ['材料', 'material'],
  on_site_steps: ['现场环节', 'on-site step'],
  time_limits: ['办理时限', 'time limits'],
  fees: ['收费', 'fee'],
  delivery: ['取件方式', 'delivery'],
  channels: ['办理渠道', 'channels'],
  output: ['办理结果', 'output'],
  automatic: ['自动审批', 'automatic decision'],
  contact: ['咨询方式', 'contact'],
  // inside them
  title: ['名称', 'title'],
  article: ['条款', 'article'],
  description: ['说明', 'description'],
  why: ['为什么需要', 'why it is needed'],
  sample: ['填写样例', 'sample'],
  sample_rate: ['抽查比例', 'share checked'],
  type: ['材料类别', 'category'],
  ways: ['提供方式', 'ways'],
  required_when: ['需要的条件', 'when required'],
  when: ['收取的条件', 'when charged'],
  rule: ['规则', 'rule'],
  message: ['不符合时的提示', 'message when not met'],
  effect: ['效果', 'effect'],
  question: ['问题', 'question'],
  options: ['选项', 'options'],
  party: ['提交方', 'provided by'],
  deferrable: ['可容缺', 'deferrable'],
  statutory_days: ['法定时限', 'statutory time limit'],
  promised_days: ['承诺时限', 'promised time limit'],
  overrides: ['特殊时限', 'overrides'],
  amount_cny: ['金额', 'amount'],
  basis: ['收费依据', 'basis'],
  phone: ['咨询电话', 'phone'],
  address: ['办理地点', 'address'],
  hours: ['办公时间', 'office hours'],
  license_type: ['电子证照类型', 'e-license type'],
  holder: ['持证方', 'holder'],
  supersedes: ['注销原证', 'supersedes'],
  confirm: ['确认文字', 'confirmation'],
  role: ['角色', 'role'],
  fields: ['所填字段', 'fields'],
  identity_field: ['身份证号字段', 'identity field'],
  name_field: ['姓名字段', 'name field'],
  required: ['必填', 'required'],
  format: ['格式', 'format'],
  pattern: ['格式规则', 'pattern'],
  'ui:help': ['填写提示', 'help'],
  'ui:placeholder': ['占位文字', 'placeholder'],
  'ui:visibleWhen': ['显示条件', 'visibility rule'],
  'ui:enumNames': ['选项名称', 'option names'],
  'ui:widget': ['输入方式', 'input'],
  'ui:order': ['字段顺序', 'field order'],
};

const DEPARTMENT: Record<'code' | 'name', Words> = {
  code: ['部门编码', 'department code'],
  name: ['部门全称', 'department name'],
};

const word = (key: string, lang: Lang): string => (KEYS[key] ?? [key, key])[lang === 'zh' ? 0 : 1];

const quote = (name: string, lang: Lang): string => (lang === 'zh' ? `「${name}」` : ` “${name}”`);

const textOf = (value: unknown, lang: Lang): string => {
  const text = value as Partial<Text> | undefined;
  return (lang === 'en' && text?.en) || text?.zh || '';
};

/** How an entry of a top-level list is called: by its name where it has one, else by its
 * number (第 2 项). */
function entryName(list: string, entry: Record<string, unknown> | undefined, index: number, lang: Lang): string {
  const named =
    textOf(entry?.name, lang) || textOf(entry?.question, lang) || textOf(entry?.title, lang) || String(entry?.id ?? '');
  if (named) return `${word(list, lang)}${quote(named, lang)}`;
  return lang === 'zh' ? `第 ${index + 1} 条${word(list, lang)}` : `${word(list, lang)} ${index + 1}`;
}

const LANGUAGE: Record<string, Words> = { zh: ['中文', 'Chinese'], en: ['英文', 'English'] };

/** Joins a name and its parts: 「材料「X」的说明（英文）」, "material “X”, description (English)". */
function join(parts: string[], language: string | undefined, lang: Lang): string {
  const said = lang === 'zh' ? parts.join('的') : parts.join(', ');
  if (!language) return said;
  const which = LANGUAGE[language]![lang === 'zh' ? 0 : 1];
  return lang === 'zh' ? `${said}（${which}）` : `${said} (${which})`;
}

/** What a pointer into `document` is about, in words; '' for the whole document. */
export function subjectOf(pointer: string, document: unknown, lang: Lang): string {
  const parts = pointerParts(pointer);
  if (!parts.length) return '';
  const matter = (document ?? {}) as Matter & Record<string, unknown>;
  const language = ['zh', 'en'].includes(parts[parts.length - 1]!) ? parts.pop() : undefined;
  const [head, second, ...rest] = parts as [string, string | undefined, ...string[]];
  if (head === 'form') return join(formSubject(matter, parts.slice(1), lang), language, lang);
  if (second !== undefined && /^\d+$/.test(second)) {
    const index = Number(second);
    const list = matter[head];
    const entry = (Array.isArray(list) ? list[index] : undefined) as Record<string, unknown> | undefined;
    const inside = rest.filter((part) => !/^\d+$/.test(part) && KEYS[part]).slice(0, 1);
    const name =
      head === 'legal_basis' && !textOf(entry?.title, lang)
        ? lang === 'zh'
          ? `第 ${index + 1} 条设定依据`
          : `legal basis ${index + 1}`
        : entryName(head, entry, index, lang);
    return join([name, ...inside.map((part) => word(part, lang))], language, lang);
  }
  const inside = [second, ...rest].filter((part): part is string => part !== undefined && Boolean(KEYS[part]));
  if (head === 'name') return join([lang === 'zh' ? '事项名称' : 'matter name'], language, lang);
  // 承诺时限, 办理地点, 部门编码: named enough alone
  if (head === 'department' && (second === 'code' || second === 'name'))
    return join([DEPARTMENT[second][lang === 'zh' ? 0 : 1]], language, lang);
  if ((head === 'time_limits' || head === 'contact') && inside.length)
    return join([word(inside[0]!, lang)], language, lang);
  return join([word(head, lang), ...inside.slice(0, 1).map((part) => word(part, lang))], language, lang);
}

function formSubject(matter: Matter, parts: string[], lang: Lang): string[] {
  const [part, second, name, ...rest] = parts;
  const fieldNamed = (field: string) => {
    const schema = matter.form?.schema?.properties?.[field];
    const title = (lang === 'en' && schema?.['x-title-en']) || schema?.title || field;
    return `${lang === 'zh' ? '字段' : 'field'}${quote(String(title), lang)}`;
  };
  if (part === 'schema' && second === 'properties' && name !== undefined)
    return [
      fieldNamed(name),
      ...rest
        .filter((key) => KEYS[key])
        .slice(0, 1)
        .map((key) => word(key, lang)),
    ];
  if (part === 'schema' && second === 'required' && name !== undefined) {
    const field = matter.form?.schema?.required?.[Number(name)];
    return field ? [fieldNamed(field)] : [word('form', lang)];
  }
  if (part === 'ui' && second !== undefined && second !== 'ui:order')
    return [
      fieldNamed(second),
      ...[name].filter((key): key is string => Boolean(key && KEYS[key])).map((key) => word(key, lang)),
    ];
  if (part === 'ui' && second === 'ui:order') return [word('ui:order', lang)];
  return [word('form', lang)];
}

/** A problem's message about its subject, in one sentence: 「材料「房屋照片」的说明不能为空」.
 * A message that names its subject already (「…」 or a field's name) is left as it is. */
export function problemSentence(message: string, pointer: string, document: unknown, lang: Lang): string {
  const subject = subjectOf(pointer, document, lang);
  const named =
    subject
      .replace(/（.*）$|\s\(.*\)$/, '')
      .split(/的|, /)
      .pop() ?? '';
  if (!subject || /[「“"]/.test(message) || (named && message.includes(named))) return message;
  if (lang === 'zh')
    return /^(不能|须|至少|最多|应为|只能|缺少|有)/.test(message) ? `${subject}${message}` : `${subject}：${message}`;
  return `${subject[0]!.toUpperCase()}${subject.slice(1)}: ${message}`;
}

/** Texts of the server's test-case results (backend/authoring/cases.py) in Chinese. */
export function resultText(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  const known: [RegExp, (...groups: string[]) => string][] = [
    [/^expected run count (\d+), got (\d+)$/, (want, got) => `预期跑动 ${want} 次，实际 ${got} 次`],
    [/^expected eligible (\w+), got (\w+) \(failed rules: (.*)\)$/, (want, got, failed) =>
      `预期${want === 'True' ? '符合' : '不符合'}条件，实际${got === 'True' ? '符合' : '不符合'}（未满足：${failed === 'none' ? '无' : failed}）`],
    [/^expected materials \[(.*)\], got \[(.*)\]$/, (want, got) =>
      `预期要交的材料：${want.replace(/'/g, '') || '无'}；实际：${got.replace(/'/g, '') || '无'}`],
    [/^answer (\S+) does not fit the form: (.*)$/, (path, why) => `答案 ${path} 不符合表单：${why}`],
    [/^The draft has errors; fix them to run the test cases\.$/, () => '草稿还有错误或未填的内容，改正后才能运行测试用例'],
  ]; // prettier-ignore
  for (const [pattern, say] of known) {
    const found = pattern.exec(message);
    if (found) return say(...found.slice(1));
  }
  return message;
}

export interface Difference {
  path: string;
  op: string; // add | remove | replace
  before?: unknown;
  after?: unknown;
}

const DAYS = new Set(['statutory_days', 'promised_days']);

/** A value as a sentence shows it: a text by its words, a list by its names, days with 个工作日. */
function shown(value: unknown, key: string | undefined, lang: Lang): string {
  if (value === undefined || value === null) return lang === 'zh' ? '（空）' : '(empty)';
  if (typeof value === 'string') return value || (lang === 'zh' ? '（空）' : '(empty)');
  if (typeof value === 'number' && key && DAYS.has(key))
    return lang === 'zh' ? `${value} 个工作日` : `${value} working days`;
  if (typeof value === 'boolean') return lang === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value))
    return (
      value
        .map((item) => (typeof item === 'object' ? shown(item, undefined, lang) : String(item)))
        .join(lang === 'zh' ? '、' : ', ') || (lang === 'zh' ? '（无）' : '(none)')
    );
  const object = value as Record<string, unknown>;
  if ('zh' in object && typeof object.zh === 'string')
    return textOf(object, lang) || (lang === 'zh' ? '（空）' : '(empty)');
  const named = textOf(object.name, lang) || textOf(object.title, lang) || textOf(object.question, lang);
  if (named) return named;
  // Any other object by its parts: 咨询电话 0571-…；办理地点 …
  return Object.entries(object)
    .map(([part, inner]) => `${word(part, lang)} ${shown(inner, part, lang)}`)
    .join(lang === 'zh' ? '；' : '; ');
}

/** One difference between two versions as a sentence: 「材料「房屋照片」：新增」,
 * 「承诺时限：20 → 15 个工作日」. Entries are named from the document on the side that has
 * them (the one after, or before for what was removed); without it, from the entry itself. */
export function diffSentence(entry: Difference, documents: { before?: unknown; after?: unknown }, lang: Lang): string {
  const parts = pointerParts(entry.path);
  const whole = parts.length === 2 && /^\d+$/.test(parts[1]!);
  let side = entry.op === 'remove' ? documents.before : documents.after;
  if (side === undefined && whole) {
    const list: unknown[] = [];
    list[Number(parts[1])] = entry.op === 'remove' ? entry.before : entry.after;
    side = { [parts[0]!]: list };
  }
  const key = parts.filter((part) => !/^\d+$/.test(part) && part !== 'zh' && part !== 'en').pop();
  const subject = subjectOf(entry.path, side, lang) || (lang === 'zh' ? '整个事项' : 'the whole matter');
  const colon = lang === 'zh' ? '：' : ': ';
  const added = lang === 'zh' ? '新增' : 'added';
  if (entry.op === 'add')
    return whole ? `${subject}${colon}${added}` : `${subject}${colon}${added} ${shown(entry.after, key, lang)}`;
  if (entry.op === 'remove') return `${subject}${colon}${lang === 'zh' ? '删除' : 'removed'}`;
  const to = shown(entry.after, key, lang);
  if (key && DAYS.has(key) && typeof entry.before === 'number') return `${subject}${colon}${entry.before} → ${to}`;
  return `${subject}${colon}${shown(entry.before, key, lang)} → ${to}`;
}
