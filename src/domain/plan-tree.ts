import type { Action, Plan, PlanNode } from './plan.schemas.js';

export interface PlacedAction {
  action: Action;
  /** The nodes above the action, top first. */
  path: PlanNode[];
}

/** Every action of a plan in reading order: node by node, depth first, then those directly under the plan. */
export function listActions(plan: Pick<Plan, 'nodes' | 'actions'>): PlacedAction[] {
  const placed: PlacedAction[] = [];
  const visit = (node: PlanNode, path: PlanNode[]) => {
    const nodePath = [...path, node];
    for (const action of node.actions) placed.push({ action, path: nodePath });
    for (const child of node.children) visit(child, nodePath);
  };
  for (const node of plan.nodes) visit(node, []);
  for (const action of plan.actions) placed.push({ action, path: [] });
  return placed;
}
