/** Compose `ports` entries, short ("127.0.0.1:6380:6380/tcp") or long ({ target, published }) syntax. */
export interface PortMapping {
  readonly hostIp?: string;
  /** Host port; undefined when compose picks one. */
  readonly published?: number;
  /** Container port. */
  readonly target: number;
}

export function parsePorts(ports: unknown): PortMapping[] {
  if (!Array.isArray(ports)) return [];
  return ports.flatMap((p): PortMapping[] => {
    if (typeof p === 'number') return [{ target: p }];
    if (typeof p === 'string') {
      const m = parseShort(p);
      return m ? [m] : [];
    }
    if (p && typeof p === 'object') {
      const o = p as { target?: unknown; published?: unknown; host_ip?: unknown };
      const target = Number(o.target);
      if (!Number.isInteger(target)) return [];
      const published = o.published === undefined ? undefined : Number(o.published);
      return [{ target, published: Number.isInteger(published) ? published : undefined, hostIp: typeof o.host_ip === 'string' ? o.host_ip : undefined }];
    }
    return [];
  });
}

function parseShort(text: string): PortMapping | undefined {
  const noProto = text.replace(/\/(tcp|udp|sctp)$/i, '');
  const lastColon = noProto.lastIndexOf(':');
  const target = Number(noProto.slice(lastColon + 1));
  if (!Number.isInteger(target)) return undefined;
  if (lastColon < 0) return { target };
  const rest = noProto.slice(0, lastColon);
  const hostColon = rest.lastIndexOf(':');
  const publishedText = rest.slice(hostColon + 1);
  const published = publishedText === '' ? undefined : Number(publishedText);
  const hostIp = hostColon < 0 ? undefined : rest.slice(0, hostColon).replace(/^\[|\]$/g, '');
  return { target, published: Number.isInteger(published) ? published : undefined, hostIp };
}
