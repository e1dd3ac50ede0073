import { compareIds } from './common';

describe('compareIds', () => {
  it('orders ids naturally and deterministically', () => {
    const ids = ['C10', 'C2', 'c1', '10', '9', 'C1', 'A-7', 'A-07', '', 'C2a', 'C2-1'];
    expect([...ids].sort(compareIds)).toEqual([
      '',
      '9',
      '10',
      'A-07',
      'A-7',
      'C1',
      'C2',
      'C2-1',
      'C2a',
      'C10',
      'c1',
    ]);
    expect(compareIds('007', '7')).toBe(-1);
    expect(compareIds('x', 'x')).toBe(0);
  });
});
