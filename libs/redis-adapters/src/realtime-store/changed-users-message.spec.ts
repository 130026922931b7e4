import { decodeChangedUsers, encodeChangedUsers } from './changed-users-message';

describe('changed-users message', () => {
  it('round-trips user ids, whatever characters they hold', () => {
    const userIds = ['u1', 'a"b', 'c,d', 'é[]', ''];
    expect(decodeChangedUsers(encodeChangedUsers(userIds))).toEqual(userIds);
  });

  it('refuses messages it did not write', () => {
    expect(decodeChangedUsers('u1,u2')).toBeNull();
    expect(decodeChangedUsers('{"userIds":["u1"]}')).toBeNull();
    expect(decodeChangedUsers('["u1",2]')).toBeNull();
    expect(decodeChangedUsers('')).toBeNull();
  });
});
