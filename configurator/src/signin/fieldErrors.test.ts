import { describe, expect, it } from 'vitest';
import { fieldErrors } from './fieldErrors';

const zh = (text: { zh: string; en: string }) => text.zh;

describe('fieldErrors', () => {
  it('puts each message under the field its path names, in the reader’s language', () => {
    const errors = [
      { path: '/currentPassword', message: { zh: '当前密码不正确。', en: 'The current password is wrong.' } },
      { path: '/newPassword', message: { zh: '密码至少 12 位。', en: 'At least 12 characters.' } },
      { path: '/newPassword', message: { zh: '新密码不能与当前密码相同。', en: 'Must differ.' } },
    ];

    expect(fieldErrors(errors, ['currentPassword', 'newPassword'], zh)).toEqual([
      { name: 'currentPassword', errors: ['当前密码不正确。'] },
      { name: 'newPassword', errors: ['密码至少 12 位。', '新密码不能与当前密码相同。'] },
    ]);
  });

  it('leaves out an error whose field is not on the form', () => {
    const errors = [{ path: '/region', message: { zh: '区划不存在。', en: 'No such region.' } }];

    expect(fieldErrors(errors, ['newPassword'], zh)).toEqual([]);
  });
});
