import { customizeValidator } from '@rjsf/validator-ajv8';
import localizeZh from 'ajv-i18n/localize/zh';

/** The formats the catalog uses (backend/forms/formats.py is the authority; the preview only
 * needs ajv to know them). */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function isResidentId(value: string): boolean {
  if (!/^[0-9]{17}[0-9X]$/.test(value)) return false;
  const total = ID_WEIGHTS.reduce((sum, weight, i) => sum + weight * Number(value[i]), 0);
  return ID_CHECK[total % 11] === value[17];
}

const options = {
  customFormats: {
    'cn-resident-id': isResidentId,
    'cn-mobile': /^1[3-9][0-9]{9}$/,
    'cn-uscc': /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
    'cn-region-code': /^[0-9]{6}$/,
  },
};

/** A validator per language: its messages are in that language. */
export const validators = {
  zh: customizeValidator(options, localizeZh),
  en: customizeValidator(options),
};
