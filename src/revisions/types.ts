import type { Statement } from '../plan/statement.js';

/** One revision file in generated-migrations/: <id>_<slug>.sql */
export interface Revision {
  /** 12 lowercase hex digits, as Alembic makes them. */
  readonly id: string;
  /** The parent revision id, or null for the first revision (Alembic's down_revision = None). */
  readonly parent: string | null;
  readonly message: string;
  /** ISO-8601 UTC timestamp. */
  readonly created: string;
  readonly upgrade: readonly Statement[];
  readonly downgrade: readonly Statement[];
}

/** A revision as read from disk. */
export interface RevisionFile extends Revision {
  readonly path: string;
  /** The checksum written in the header. */
  readonly checksum: string;
  /** The checksum recomputed from the file's content; differs when the file was edited. */
  readonly actualChecksum: string;
}

/** The ordered chain base -> head, validated (linear, no missing parent, no fork). */
export interface RevisionChain {
  readonly revisions: readonly RevisionFile[];
  readonly head: string | null;
}
