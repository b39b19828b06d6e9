import { describe, expect, it } from 'vitest';
import { claimViews, fieldErrors, wardViews } from './guardianshipViews';

const zh = { lang: 'zh', elderly: false } as const;
const en = { lang: 'en', elderly: false } as const;
const elderly = { lang: 'zh', elderly: true } as const;
const authorisation = { id: '1', basis: 'guardian', principalName: '陈**', validUntil: '2028-06-07T16:00:00+00:00', mine: false, inForce: true };
const claim = {
  id: '7',
  childName: '陈浩然',
  childResidentId: '330106********0031',
  filename: '出生医学证明.pdf',
  status: 'pending',
  reason: null,
  createdAt: '2026-12-03T02:00:00+00:00',
  decidedAt: null,
};

describe('wardViews', () => {
  it('lists only the guardianships in force that I hold, not authorisations or those given up', () => {
    const wards = wardViews(
      [
        authorisation,
        { ...authorisation, id: '2', basis: 'authorisation' },
        { ...authorisation, id: '3', inForce: false },
        { ...authorisation, id: '4', mine: true },
      ],
      zh,
    );

    expect(wards).toEqual([{ id: '1', name: '陈**', until: '至 2028-06-07' }]);
  });
});

describe('claimViews', () => {
  it('says each status in words, plainer in 长辈模式, and the window reason of a refused one', () => {
    const refused = { ...claim, id: '8', status: 'refused', reason: '照片看不清' };

    expect(claimViews([claim, refused], zh)).toMatchObject([
      { child: '陈浩然 · 330106********0031', file: '材料：出生医学证明.pdf', statusText: '待窗口审核', reason: '' },
      { statusText: '未通过', reason: '未通过原因：照片看不清' },
    ]);
    expect(claimViews([claim], elderly)[0]?.statusText).toBe('等工作人员审核');
    expect(claimViews([{ ...claim, status: 'granted' }], en)[0]?.statusText).toBe('Confirmed');
  });
});

describe('fieldErrors', () => {
  const message = { zh: '填写有误', en: 'Invalid input' };

  it('puts each problem under its field and shows nothing else when all have a field', () => {
    const errors = [
      { path: '/residentId', message: { zh: '不是未成年人', en: 'Not a minor' } },
      { path: '/name', message: { zh: '请填写姓名', en: 'Enter the name' } },
    ];

    expect(fieldErrors(message, errors, en)).toEqual({ fields: { residentId: 'Not a minor', name: 'Enter the name' }, other: '' });
  });

  it('keeps the message when a problem has no field of the page', () => {
    const errors = [{ path: '/other', message: { zh: '别的问题', en: 'Something else' } }];

    expect(fieldErrors(message, errors, zh)).toEqual({ fields: {}, other: '填写有误 别的问题' });
    expect(fieldErrors(message, [], zh).other).toBe('填写有误');
  });
});
