/** The matter document as form_schemas/ stores it (docs/catalog-format.md). A draft may be
 * incomplete, so every key is optional; the server's problems say what is missing. */

export interface Text {
  zh: string;
  en: string;
}

export type Rule = unknown;

export interface LegalBasis {
  title: Text;
  article?: string;
}

export interface SituationOption {
  value: string | number | boolean;
  label: Text;
}

export interface Situation {
  id: string;
  question?: Text;
  options?: SituationOption[];
  default?: string | number | boolean;
}

export type PartyRole = 'applicant' | 'subject';

/** One of the people a matter is done by or for (多方申请). */
export interface Party {
  id: string;
  name?: Text;
  role?: PartyRole;
  required?: boolean;
  identity_field?: string;
  name_field?: string;
  fields?: string[];
  confirm?: Text;
}

export interface FieldSchema {
  title?: string;
  'x-title-en'?: string;
  type?: FieldType;
  format?: string;
  enum?: unknown[];
  [keyword: string]: unknown;
}

export type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'date';

export interface FieldUi {
  'ui:widget'?: string;
  'ui:help'?: Text;
  'ui:placeholder'?: Text;
  'ui:enumNames'?: Text[];
  'ui:visibleWhen'?: Rule;
  [key: string]: unknown;
}

export interface FormSchema {
  type?: 'object';
  properties?: Record<string, FieldSchema>;
  required?: string[];
  [keyword: string]: unknown;
}

export interface FormUi {
  'ui:order'?: string[];
  [field: string]: FieldUi | string[] | undefined;
}

export interface Form {
  schema?: FormSchema;
  ui?: FormUi;
}

export interface EligibilityRule {
  id: string;
  rule?: Rule;
  message?: Text;
  effect?: 'block' | 'warn';
}

export type Way =
  | { kind: 'e_license'; license_type: string }
  | { kind: 'shared_data'; source: string; elements: string[] }
  | { kind: 'commitment'; text: Text }
  | { kind: 'upload'; accept: string[]; max_bytes?: number }
  | { kind: 'original'; copies?: number; note?: Text };

export type WayKind = Way['kind'];

export interface Material {
  id: string;
  type?: string;
  name?: Text;
  description?: Text;
  why?: Text;
  sample?: Text;
  legal_basis?: LegalBasis;
  required_when?: Rule;
  party?: string;
  deferrable?: boolean;
  ways?: Way[];
}

export interface OnSiteStep {
  id: string;
  name?: Text;
  description?: Text;
  why?: Text;
  required_when?: Rule;
}

export interface Fee {
  id: string;
  name?: Text;
  amount_cny?: number;
  /** A computed fee's JsonLogic amount rule and its formula in words (instead of amount_cny). */
  amount?: Rule;
  formula?: Text;
  when?: Rule;
  basis?: Text;
}

export interface Supersedes {
  party: string;
  license_type: string;
  number_field: string;
}

export interface Output {
  kind?: string;
  name?: Text;
  license_type?: string;
  holder?: string;
  supersedes?: Supersedes;
}

export interface Matter {
  code: string;
  region?: string;
  extends?: string;
  name?: Text;
  summary?: Text;
  kind?: string;
  audience?: string;
  department?: { code?: string; name?: Text };
  keywords?: string[];
  legal_basis?: LegalBasis[];
  situations?: Situation[];
  parties?: Party[];
  form?: Form;
  eligibility?: EligibilityRule[];
  materials?: Material[];
  on_site_steps?: OnSiteStep[];
  time_limits?: { statutory_days?: number; promised_days?: number; overrides?: unknown[] };
  fees?: Fee[];
  delivery?: string[];
  channels?: string[];
  output?: Output;
  /** 秒批: decided at submission by the rules; `sample_rate` (0–1) checked afterwards. */
  automatic?: { sample_rate: number };
  contact?: { phone?: string; address?: Text; hours?: Text };
}
