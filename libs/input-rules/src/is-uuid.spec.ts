import { isUuid } from './is-uuid';

describe('isUuid', () => {
  it('accepts canonical UUIDs in either case', () => {
    expect(isUuid('3f2504e0-4f89-41d3-9a0c-0305e82c3301')).toBe(true);
    expect(isUuid('3F2504E0-4F89-41D3-9A0C-0305E82C3301')).toBe(true);
  });

  it('rejects anything else', () => {
    expect(isUuid('42')).toBe(false);
    expect(isUuid('3f2504e04f8941d39a0c0305e82c3301')).toBe(false);
    expect(isUuid(' 3f2504e0-4f89-41d3-9a0c-0305e82c3301')).toBe(false);
    expect(isUuid("3f2504e0-4f89-41d3-9a0c-0305e82c3301' OR 1=1")).toBe(false);
  });
});
