import { describe, expect, it } from 'vitest';
import { splitProblems } from './splitProblems';

const text = (zh: string) => ({ zh, en: zh });

describe('splitProblems', () => {
  it('puts each message under its own field and keeps the others apart', () => {
    const split = splitProblems(
      [
        { path: '/residentId', message: text('身份证号码不正确') },
        { path: '/name', message: text('姓名与身份证不符') },
        { path: '/residentId', message: text('与姓名不符') },
        { path: '/confirmation', message: text('须本人确认') },
      ],
      ['residentId', 'name', 'matterCode'],
    );

    expect(split.byField).toEqual({
      residentId: [text('身份证号码不正确'), text('与姓名不符')],
      name: [text('姓名与身份证不符')],
    });
    expect(split.rest).toEqual([{ path: '/confirmation', message: text('须本人确认') }]);
  });

  it('keeps a nested path apart even when its first part names a field', () => {
    const split = splitProblems([{ path: '/name/zh', message: text('太长') }], ['name']);

    expect(split.byField).toEqual({});
    expect(split.rest).toHaveLength(1);
  });
});
