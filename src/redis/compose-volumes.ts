/** Compose `volumes` entries of a service, short ("name:/data:ro") or long ({ type, source, target }) syntax. */
export interface VolumeMount {
  readonly source?: string;
  readonly target: string;
  /** A named volume (not a bind mount of a host path, not anonymous). */
  readonly named: boolean;
}

export function parseVolumes(volumes: unknown): VolumeMount[] {
  if (!Array.isArray(volumes)) return [];
  return volumes.flatMap((v): VolumeMount[] => {
    if (typeof v === 'string') {
      const parts = v.split(':');
      if (parts.length === 1) return [{ target: parts[0]!, named: false }];
      const [source, target] = parts as [string, string];
      return [{ source, target, named: isVolumeName(source) }];
    }
    if (v && typeof v === 'object') {
      const o = v as { type?: unknown; source?: unknown; target?: unknown };
      if (typeof o.target !== 'string') return [];
      const source = typeof o.source === 'string' ? o.source : undefined;
      const named = (o.type === undefined || o.type === 'volume') && source !== undefined && isVolumeName(source);
      return [{ source, target: o.target, named }];
    }
    return [];
  });
}

function isVolumeName(source: string): boolean {
  return source !== '' && !/^[./~$]/.test(source);
}
