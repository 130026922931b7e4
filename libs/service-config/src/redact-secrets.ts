const SECRET_KEY = /(PASSWORD|SECRET|TOKEN|KEYS?)$/i;

/** A copy of a config fit for logs: secret values and passwords inside URLs are replaced by `***`. */
export function redactSecrets(config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => {
      if (SECRET_KEY.test(key) && value !== undefined && value !== '') return [key, '***'];
      if (typeof value === 'string')
        return [key, value.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@')];
      return [key, value];
    }),
  );
}
