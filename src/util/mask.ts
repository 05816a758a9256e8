/**
 * Masking of credentials in anything fas prints. Connection strings (postgres://,
 * redis://, key=value) lose their password; an unparseable URL loses everything
 * between its scheme and its last '@'.
 */
import { maskConnectionString } from './conninfo.js';

/** A connection string (PostgreSQL or Redis) with its password masked. */
export function maskUrl(url: string): string {
  if (/^postgres(ql)?:\/\//i.test(url) || /^\s*[a-z_]+\s*=/i.test(url)) return maskConnectionString(url);
  try {
    const u = new URL(url);
    if (u.password) {
      u.password = '****';
      return u.toString();
    }
    if (!url.includes('@')) return url;
  } catch {
    /* fall through */
  }
  return maskText(url);
}

/**
 * Mask credentials in any text that may contain connection strings: the
 * userinfo of URLs (up to the last '@' of the word; with one '@' the user name
 * stays), `password=` parameters, and the given secrets.
 */
export function maskText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s]*)@/gi, (_m, scheme: string, userinfo: string) => {
    if (userinfo.includes('@')) return `${scheme}****@`;
    const colon = userinfo.indexOf(':');
    return colon >= 0 ? `${scheme}${userinfo.slice(0, colon)}:****@` : `${scheme}${userinfo}@`;
  });
  out = out.replace(/\bpassword\s*=\s*('(?:[^'\\]|\\.)*'?|[^\s&'"]+)/gi, 'password=****');
  for (const s of secrets) if (s && s.length >= 1) out = out.split(s).join('****');
  return out;
}
