/** The texts of the rule builder's blocks, its accessible names and the sentence it reads a
 * rule back as: [中文, English]. `{field}`, `{value}`, `{list}`… are filled in by sentence.ts. */
export const rulesTexts = {
  // builder blocks over the domain operators (derived.ts)
  derived_age_by_id_who: ['{who}年龄（按身份证号）', "{who}'s age (from the resident ID)"],
  derived_age_by_id_source: ['年龄（按{source}）', 'Age (from {source})'],
  derived_birth_by_id_who: ['{who}出生日期（按身份证号）', "{who}'s date of birth (from the resident ID)"],
  derived_birth_by_id_source: ['出生日期（按{source}）', 'Date of birth (from {source})'],
  derived_age_by_date: ['年龄（按{source}）', 'Age (from {source})'],
  derived_days_since: ['{source}距今天数', 'Days since {source}'],

  ruleVerified: ['（实名核验）', ' (verified)'],
  ruleColon: ['：', ': '],

  // accessible names of the builder's controls
  ruleFieldTitle: ['条件项', 'Field'],
  ruleOperatorTitle: ['比较方式', 'Comparison'],
  ruleValueTitle: ['比较的值', 'Value'],
  ruleCombinatorTitle: ['条件之间的关系', 'How the conditions combine'],
  ruleValueSourceTitle: ['和什么比较', 'Compare with'],
  ruleTagsPlaceholder: ['输入一项后按回车，可输入多项', 'Type one and press Enter; several allowed'],

  // the rule read back
  ruleSentenceLabel: ['这条规则读作：', 'This rule reads: '],
  sentence_eligibility: ['当 {condition} 时，可以申请。', 'The applicant passes when {condition}.'],
  sentence_material: ['当 {condition} 时，需要这份材料。', 'This material is required when {condition}.'],
  sentence_field: ['当 {condition} 时，显示这一项。', 'This field is shown when {condition}.'],
  'say_=': ['{field} 是 {value}', '{field} is {value}'],
  'say_!=': ['{field} 不是 {value}', '{field} is not {value}'],
  'say_<': ['{field} 小于 {value}', '{field} is less than {value}'],
  'say_<=': ['{field} 不大于 {value}', '{field} is at most {value}'],
  'say_>': ['{field} 大于 {value}', '{field} is more than {value}'],
  'say_>=': ['{field} 不小于 {value}', '{field} is at least {value}'],
  say_contains: ['{field} 包含“{value}”', '{field} contains "{value}"'],
  say_doesNotContain: ['{field} 不包含“{value}”', '{field} does not contain "{value}"'],
  say_null: ['{field} 没有填写', '{field} is not filled in'],
  say_notNull: ['{field} 已填写', '{field} is filled in'],
  say_in: ['{field} 是 {list} 其中之一', '{field} is one of {list}'],
  say_notIn: ['{field} 不是 {list} 中任何一个', '{field} is none of {list}'],
  say_between: ['{field} 在 {from} 到 {to} 之间', '{field} is between {from} and {to}'],
  say_notBetween: ['{field} 不在 {from} 到 {to} 之间', '{field} is not between {from} and {to}'],
  say_and: ['，并且 ', ', and '],
  say_or: ['，或者 ', ', or '],
  say_not: ['并非（{condition}）', 'not ({condition})'],
  say_group: ['（{condition}）', '({condition})'],
  say_listSeparator: ['、', ', '],
  say_true: ['是', 'yes'],
  say_false: ['否', 'no'],
  say_years: ['{n} 岁', '{n} years'],
  say_days: ['{n} 天', '{n} days'],
} as const;
