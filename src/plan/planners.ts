/** One planner per managed object kind, selected by the kind registry (src/catalog/kinds.ts). */
import type { CatalogObject } from '../catalog/model.js';
import { describe } from '../catalog/identity.js';
import type { ManagedKind, ObjectOf } from '../catalog/kinds.js';
import { FasError } from '../util/errors.js';
import type { KindPlanner } from './context.js';
import { collationPlanner } from './kinds/collation.js';
import { compositePlanner } from './kinds/composite.js';
import { defaultAclPlanner } from './kinds/default-acl.js';
import { domainPlanner } from './kinds/domain.js';
import { enumPlanner } from './kinds/enum.js';
import { extensionPlanner } from './kinds/extension.js';
import { indexPlanner } from './kinds/index-planner.js';
import { matviewPlanner } from './kinds/matview.js';
import { policyPlanner } from './kinds/policy.js';
import { routinePlanner } from './kinds/routine.js';
import { schemaPlanner } from './kinds/schema.js';
import { sequencePlanner } from './kinds/sequence.js';
import { tablePlanner } from './kinds/table.js';
import { triggerPlanner } from './kinds/trigger.js';
import { viewPlanner } from './kinds/view.js';

/** A kind without a planner fails to compile. */
type Planners = { [K in ManagedKind]: KindPlanner<ObjectOf<K>> };

const PLANNERS: Planners = {
  schema: schemaPlanner,
  extension: extensionPlanner,
  collation: collationPlanner,
  enum: enumPlanner,
  domain: domainPlanner,
  composite: compositePlanner,
  sequence: sequencePlanner,
  table: tablePlanner,
  index: indexPlanner,
  view: viewPlanner,
  matview: matviewPlanner,
  function: routinePlanner,
  trigger: triggerPlanner,
  policy: policyPlanner,
  defaultacl: defaultAclPlanner,
};

export function planner(o: CatalogObject): KindPlanner<CatalogObject> {
  if (o.kind === 'unsupported') throw new FasError('UNSUPPORTED', `fas cannot manage ${describe(o)}`);
  return PLANNERS[o.kind] as KindPlanner<CatalogObject>;
}
