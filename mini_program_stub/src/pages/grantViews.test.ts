import { describe, expect, it } from 'vitest';
import { grantViews } from './grantViews';

const zh = { lang: 'zh', elderly: false } as const;
const grant = {
  id: '1',
  basis: 'authorisation',
  principalName: '张秀英',
  agentName: '李*',
  matters: null,
  validUntil: '2099-06-30T15:59:59+00:00',
  revokedAt: null,
  createdAt: '2026-12-01T02:00:00+00:00',
  mine: true,
  inForce: true,
};

describe('grantViews', () => {
  it('lists what I granted by whom I authorised, and what I was granted by who authorised me', () => {
    const { granted, received } = grantViews([grant, { ...grant, id: '2', mine: false, principalName: '王*', agentName: '李婷' }], zh);

    expect(granted).toMatchObject([{ id: '1', who: '李*', basis: '授权', scope: '全部事项 · 至 2099-06-30', canAct: false }]);
    expect(received).toMatchObject([{ id: '2', who: '王*', canAct: true }]);
  });

  it('names the matters covered where their names are known', () => {
    const { granted } = grantViews([{ ...grant, matters: ['330106-RS-001', '330106-XX-009'] }], zh, new Map([['330106-RS-001', '社会保障卡申领']]));

    expect(granted[0]?.scope).toBe('社会保障卡申领、330106-XX-009 · 至 2099-06-30');
  });

  it('offers no acting under a revoked or expired authorisation', () => {
    const { received } = grantViews(
      [
        { ...grant, mine: false, revokedAt: '2026-12-02T00:00:00+00:00', inForce: false },
        { ...grant, mine: false, validUntil: '2020-01-01T00:00:00+00:00', matters: ['330106-RS-001'], inForce: false },
      ],
      zh,
    );

    expect(received.map((g) => [g.canAct, g.scope])).toEqual([
      [false, '已撤销'],
      [false, '330106-RS-001 · 至 2020-01-01'],
    ]);
  });
});
