import { randomBytes } from 'node:crypto';

/** A new revision id: 12 random lowercase hex digits, as Alembic makes them. */
export function newRevisionId(): string {
  return randomBytes(6).toString('hex');
}

export function isRevisionId(s: string): boolean {
  return /^[0-9a-f]{12}$/.test(s);
}

/** A file-name slug from a message: lowercase ASCII words joined by '_', at most 40 characters. */
export function slugify(message: string): string {
  const ascii = message.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const slug = ascii.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40).replace(/_+$/, '');
  return slug === '' ? 'revision' : slug;
}

/** generated-migrations/<rev>_<slug>.sql */
export function revisionFileName(id: string, message: string): string {
  return `${id}_${slugify(message)}.sql`;
}
