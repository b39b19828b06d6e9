import { describe, expect, it } from 'vitest';
import { partyViews } from './partyViews';

const zh = { lang: 'zh', elderly: false } as const;
const seller = {
  party: 'seller',
  name: { zh: '卖方', en: 'Seller' },
  role: 'applicant',
  required: true,
  status: 'CONFIRMED',
  isMe: true,
  holderName: '王建国',
  declineReason: null,
};

describe('partyViews', () => {
  it('marks my own party and says its status in words', () => {
    const [view] = partyViews([seller], zh);

    expect(view).toMatchObject({ name: '卖方（我）', statusText: '已确认', holder: '王建国', canInvite: false });
  });

  it('offers to invite a party nobody has joined yet, or one that declined, with the reason shown', () => {
    const buyer = { ...seller, party: 'buyer', name: { zh: '买方', en: 'Buyer' }, isMe: false, holderName: '李*' };
    const [none, invited, declined] = partyViews(
      [
        { ...buyer, status: null, holderName: null },
        { ...buyer, status: 'INVITED', holderName: null },
        { ...buyer, status: 'DECLINED', declineReason: '价格没谈好' },
      ],
      zh,
    );

    expect(none).toMatchObject({ statusText: '未邀请', canInvite: true, holder: '' });
    expect(invited).toMatchObject({ statusText: '已邀请', canInvite: true, holder: '' });
    expect(declined).toMatchObject({ statusText: '已拒绝', canInvite: true, declined: '拒绝原因：价格没谈好' });
  });

  it('shows a subject party (a newborn) without a status of its own and an optional party as optional', () => {
    const child = { ...seller, party: 'child', name: { zh: '新生儿', en: 'Newborn' }, role: 'subject', required: false, status: null, isMe: false };
    const father = { ...seller, party: 'father', name: { zh: '父亲', en: 'Father' }, required: false, status: 'JOINED', isMe: false };

    const [c, f] = partyViews([child, father], { lang: 'en', elderly: false });

    expect(c).toMatchObject({ name: 'Newborn', statusText: 'Subject', canInvite: false });
    expect(f).toMatchObject({ name: 'Father (optional)', statusText: 'Joined', canInvite: false });
  });
});
