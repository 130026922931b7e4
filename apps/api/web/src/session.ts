// The keys the operator logged in with: kept in this tab's sessionStorage (gone when the tab closes), sent
// only in a request header, never put in a URL.

const READ_KEY = 'recsys.readKey';
const WRITE_KEY = 'recsys.writeKey';

export interface Keys {
  read: string;
  /** Null when the operator gave no write key: buttons that change state stay disabled. */
  write: string | null;
}

export function savedKeys(): Keys | null {
  const read = sessionStorage.getItem(READ_KEY);
  return read ? { read, write: sessionStorage.getItem(WRITE_KEY) } : null;
}

export function saveKeys(keys: Keys): void {
  sessionStorage.setItem(READ_KEY, keys.read);
  if (keys.write) sessionStorage.setItem(WRITE_KEY, keys.write);
  else sessionStorage.removeItem(WRITE_KEY);
}

export function forgetKeys(): void {
  sessionStorage.removeItem(READ_KEY);
  sessionStorage.removeItem(WRITE_KEY);
}
