import type { JurisdictionKind } from '@fengqiao/shared';
import type { Jurisdiction } from './org.api';

export interface JurisdictionNode {
  item: Jurisdiction;
  children: JurisdictionNode[];
}

function bySortThenName(a: JurisdictionNode, b: JurisdictionNode): number {
  return a.item.sort - b.item.sort || a.item.name.localeCompare(b.item.name, 'zh-CN');
}

/** Builds the tree from the flat, scoped list; a node whose parent is outside the list is a root. */
export function buildJurisdictionTree(items: readonly Jurisdiction[]): JurisdictionNode[] {
  const nodes = new Map<number, JurisdictionNode>();
  for (const item of items) nodes.set(item.id, { item, children: [] });
  const roots: JurisdictionNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.item.parentId ? nodes.get(node.item.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sortDeep = (list: JurisdictionNode[]): void => {
    list.sort(bySortThenName);
    for (const n of list) sortDeep(n.children);
  };
  sortDeep(roots);
  return roots;
}

export interface JurisdictionOption {
  value: number;
  title: string;
  kind: JurisdictionKind;
  disabled: boolean;
  children: JurisdictionOption[];
}

/** TreeSelect data; nodes of kinds not in `allowedKinds` stay visible (for the structure) but disabled. */
export function toTreeSelectData(
  roots: readonly JurisdictionNode[],
  allowedKinds?: readonly JurisdictionKind[],
): JurisdictionOption[] {
  return roots.map((node) => ({
    value: node.item.id,
    title: node.item.name,
    kind: node.item.kind,
    disabled: allowedKinds ? !allowedKinds.includes(node.item.kind) : false,
    children: toTreeSelectData(node.children, allowedKinds),
  }));
}

/** The ids of every node on the way from a root to `id`, root first. */
export function ancestorIds(items: readonly Jurisdiction[], id: number): number[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const path: number[] = [];
  let current = byId.get(id);
  while (current) {
    path.unshift(current.id);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return path;
}

/** Parses the boundary text of the edit form; empty means "no boundary". */
export function parseBoundary(text: string | undefined): { ok: true; value: Jurisdiction['boundary'] } | { ok: false } {
  const trimmed = (text ?? '').trim();
  if (!trimmed) return { ok: true, value: null };
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      (parsed as { type?: unknown }).type === 'Polygon' &&
      Array.isArray((parsed as { coordinates?: unknown }).coordinates)
    ) {
      return { ok: true, value: parsed as NonNullable<Jurisdiction['boundary']> };
    }
  } catch {
    // reported below
  }
  return { ok: false };
}
