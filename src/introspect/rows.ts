/** Raw rows of the catalog queries, as recorded (the builders are testable from them). */
export type Row = Record<string, unknown>;
export type QueryRows = Record<string, Row[]>;

export type AclRow = [number, string, boolean, string]; // grantee oid, privilege, grantable, grantee name

export function s(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}
export function sn(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}
export function n(v: unknown): number {
  return Number(v);
}
export function b(v: unknown): boolean {
  return v === true || v === 't';
}
