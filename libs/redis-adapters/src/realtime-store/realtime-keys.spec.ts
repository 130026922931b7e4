import { RealtimeKeys } from './realtime-keys';

describe('RealtimeKeys', () => {
  const keys = new RealtimeKeys('p:', 3_600_000);

  it('puts a user id URI-encoded in one hash tag shared by both of their keys', () => {
    expect(keys.recentItems('a:b{c}')).toBe('p:realtime:v1:recent:{a%3Ab%7Bc%7D}');
    expect(keys.recentDetails('a:b{c}')).toBe('p:realtime:v1:recent-details:{a%3Ab%7Bc%7D}');
  });

  it('keeps users apart whose ids differ only by characters that could mimic the key format', () => {
    expect(keys.recentItems('a}:x')).not.toBe(keys.recentItems('a'));
    expect(keys.recentItems('a:details')).not.toBe(keys.recentDetails('a'));
  });

  it('names the half-life in the popularity key', () => {
    expect(keys.popularity).toBe('p:realtime:v1:popularity:3600000');
  });

  it('derives the changed-users channel from the key prefix', () => {
    expect(keys.changedUsersChannel).toBe('p:realtime:v1:changed-users');
    expect(new RealtimeKeys('q:', 1).changedUsersChannel).not.toBe(keys.changedUsersChannel);
  });
});
