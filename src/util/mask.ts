/** Mask the password of every postgres:// or redis:// URL in a text. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) {
      u.password = '****';
      return u.toString();
    }
    return url;
  } catch {
    return maskText(url);
  }
}

/** Mask credentials in any text that may contain URLs (error messages, logs). */
export function maskText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]+)(@)/gi, '$1****$3');
  for (const s of secrets) if (s && s.length >= 1) out = out.split(s).join('****');
  return out;
}
