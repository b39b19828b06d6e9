import { describe, expect, it } from 'vitest';
import { pick } from './settings';
import { codeText, t } from './t';

const zh = { lang: 'zh', elderly: false } as const;
const en = { lang: 'en', elderly: false } as const;
const elderZh = { lang: 'zh', elderly: true } as const;

describe('texts', () => {
  it('are Chinese first with English on request', () => {
    expect(t('submit', zh)).toBe('提交申请');
    expect(t('submit', en)).toBe('Submit');
  });

  it('use plain wording in elderly mode where there is one, the usual wording elsewhere', () => {
    expect(t('runs0', elderZh)).toBe('不用出门');
    expect(t('runs0', zh)).toBe('一次不用跑');
    expect(t('back', elderZh)).toBe('返回');
  });

  it('fill in their parameters', () => {
    expect(t('runsN', zh, { n: 2 })).toBe('需跑 2 次');
    expect(t('fixBelow', { lang: 'en', elderly: true }, { n: 3 })).toBe('3 thing(s) to fix; see the red notes.');
  });

  it('name the API codes, and keep unknown codes as sent', () => {
    expect(codeText('TO_UPLOAD', elderZh)).toBe('要拍照上传');
    expect(codeText('COMPLETED', en)).toBe('Completed');
    expect(codeText('teleport', zh)).toBe('teleport');
  });

  it('pick the server text in the reader language, Chinese when English is missing', () => {
    expect(pick({ zh: '婚姻登记信息', en: 'Marriage records' }, en)).toBe('Marriage records');
    expect(pick({ zh: '婚姻登记信息', en: '' }, en)).toBe('婚姻登记信息');
    expect(pick(null, zh)).toBe('');
  });
});
