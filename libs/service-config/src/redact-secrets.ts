const SECRET_KEY = /(PASSWORD|SECRET|TOKEN|KEYS?)$/i;
// scheme://userinfo@ — greedy up to the authority's last '@', as URL parsers read it (a password may hold '@').
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)([^/?#\s]*)@/gi;
// Query parameters that carry credentials: redis://h?password=..., postgres://h/db?sslpassword=...
const SECRET_PARAMETER =
  /([?&;][^=&#\s]*(?:password|passwd|pwd|secret|token|auth|api[-_]?key|access[-_]?key)[^=&#\s]*=)[^&#\s]*/gi;

/**
 * A copy of a config fit for logs: values of secret-named keys become `***`, and so do credentials inside
 * URLs in every form (`user:pw@`, `:pw@` with an empty user, a lone `pw@`, `?password=`), also in lists.
 */
export function redactSecrets(config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => {
      if (SECRET_KEY.test(key) && value !== undefined && value !== '') return [key, '***'];
      return [key, redactValue(value)];
    }),
  );
}

/** Replaces the credentials of every URL in `text` by `***` (see redactSecrets). */
export function redactUrlCredentials(text: string): string {
  return text
    .replace(URL_USERINFO, (_match, scheme: string, userinfo: string) => {
      const colon = userinfo.indexOf(':');
      // Without a colon, clients differ on whether the lone part is a user or a password: hide it.
      return colon === -1 ? `${scheme}***@` : `${scheme}${userinfo.slice(0, colon)}:***@`;
    })
    .replace(SECRET_PARAMETER, '$1***');
}

function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactUrlCredentials(value);
  if (Array.isArray(value)) return value.map(redactValue);
  return value;
}
