import { Tag } from 'antd';
import { clerkTexts } from '../../i18n/clerkTexts';
import type { MessageKey } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/I18nProvider';

const COLOURS: Record<string, string> = {
  submitted: 'blue',
  correction_requested: 'gold',
  accepted: 'cyan',
  rejected: 'red',
  denied: 'red',
  completed: 'green',
};

type T = (key: MessageKey) => string;

/** The text of `prefix` + `value` when the clerk's texts have one, else the value itself. */
export function textOf(t: T, prefix: string, value: string): string {
  const key = `${prefix}${value}`;
  return key in clerkTexts ? t(key as MessageKey) : value;
}

/** An application's status, in words. */
export function ApplicationStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return <Tag color={COLOURS[status] ?? 'default'}>{textOf(t, 'clerkStatus_', status)}</Tag>;
}
