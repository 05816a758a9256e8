// The harness's own migration from the base model to the variant, written from the two models.
// It is not a differ: it only knows the generator's kinds of change. At N=200 the runner passes it
// through the round-trip rule first, so a failing fas round trip cannot be blamed on the generator,
// the variant or the rule itself.

import type { Column, MatView, Model, Table, View } from './model.js';
import { renderIndex, renderMatView, renderView } from './render.js';

const key = (schema: string, name: string) => `${schema}.${name}`;

function columnSpec(c: Column): string {
  return `${c.name} ${c.type}${c.notNull ? ' NOT NULL' : ''}${c.default !== undefined ? ` DEFAULT ${c.default}` : ''}`;
}

export function oracleMigration(a: Model, b: Model): string {
  const tables = (m: Model) => new Map(m.items.flatMap((i) => (i.kind === 'table' ? [[key(i.table.schema, i.table.name), i.table] as const] : [])));
  const views = (m: Model) => new Map(m.items.flatMap((i) => (i.kind === 'view' ? [[key(i.view.schema, i.view.name), i.view] as const] : [])));
  const matviews = (m: Model) => new Map(m.items.flatMap((i) => (i.kind === 'matview' ? [[key(i.matview.schema, i.matview.name), i.matview] as const] : [])));
  const [ta, tb, va, vb, ma, mb] = [tables(a), tables(b), views(a), views(b), matviews(a), matviews(b)];

  const pre: string[] = [];
  const mid: string[] = [];
  const post: string[] = [];
  const recreatedViews = new Set<string>();
  const recreatedMatviews = new Set<string>();

  for (const [k, t] of tb) {
    const old = ta.get(k) as Table;
    const oldCols = new Map(old.columns.map((c) => [c.name, c]));
    const newCols = new Map(t.columns.map((c) => [c.name, c]));
    const q = `${t.schema}.${t.name}`;
    for (const c of old.columns) if (!newCols.has(c.name)) mid.push(`ALTER TABLE ${q} DROP COLUMN ${c.name};`);
    for (const c of t.columns) {
      const was = oldCols.get(c.name);
      if (!was) {
        mid.push(`ALTER TABLE ${q} ADD COLUMN ${columnSpec(c)};`);
        if (c.comment) mid.push(`COMMENT ON COLUMN ${q}.${c.name} IS '${c.comment.replace(/'/g, "''")}';`);
        continue;
      }
      if (was.type !== c.type) {
        // Dependent views and materialized views go first and come back after.
        for (const [vk, v] of va) {
          if (v.schema === t.schema && v.table === t.name && v.columns.some((x) => x.from === 't' && x.column === c.name)) recreatedViews.add(vk);
        }
        for (const [mk, m] of ma) if (m.schema === t.schema && m.table === t.name && m.sumColumn === c.name) recreatedMatviews.add(mk);
        mid.push(`ALTER TABLE ${q} ALTER COLUMN ${c.name} TYPE ${c.type};`);
      }
      if (was.default !== c.default) {
        mid.push(c.default === undefined ? `ALTER TABLE ${q} ALTER COLUMN ${c.name} DROP DEFAULT;` : `ALTER TABLE ${q} ALTER COLUMN ${c.name} SET DEFAULT ${c.default};`);
      }
    }
    const oldIdx = new Set(old.indexes.map((i) => i.name));
    for (const i of t.indexes) if (!oldIdx.has(i.name)) mid.push(renderIndex(t.schema, t.name, i).trim());
  }

  for (const k of recreatedViews) pre.push(`DROP VIEW ${k};`);
  for (const k of recreatedMatviews) pre.push(`DROP MATERIALIZED VIEW ${k};`);
  for (const [k, v] of vb) {
    if (recreatedViews.has(k)) post.push(renderView(v as View).trim());
    else if (renderView(va.get(k) as View) !== renderView(v)) post.push(renderView(v).replace(/^CREATE VIEW/, 'CREATE OR REPLACE VIEW').trim());
  }
  for (const [k, m] of mb) if (recreatedMatviews.has(k)) post.push(renderMatView(m as MatView).trim());
  return [...pre, ...mid, ...post].join('\n') + '\n';
}
