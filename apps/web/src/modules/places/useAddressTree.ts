import { useCallback, useEffect, useRef, useState } from 'react';
import { placesApi, type Address } from './places.api';

/** Key of the top-most addresses the user can see (GET /api/addresses without a parent). */
export const ROOTS = 0;

/**
 * The address tree, loaded a level at a time: `children` maps a node id (or ROOTS) to the
 * children loaded so far.
 */
export function useAddressTree() {
  const [children, setChildren] = useState<ReadonlyMap<number, Address[]>>(new Map());
  const [error, setError] = useState<unknown>(null);
  // Loads in a row (opening a node deep down) must see each other's results at once.
  const loaded = useRef(new Map<number, Address[]>());

  const load = useCallback(async (parentId: number, force = false): Promise<Address[]> => {
    const known = loaded.current.get(parentId);
    if (known && !force) return known;
    const { items } = await placesApi.list(parentId === ROOTS ? undefined : parentId);
    loaded.current.set(parentId, items);
    setChildren(new Map(loaded.current));
    return items;
  }, []);

  /** Reloads the list a node sits in (its parent's children, or the roots). */
  const reloadAround = useCallback(
    async (node: { id: number; parentId: number | null }) => {
      const isRoot = (loaded.current.get(ROOTS) ?? []).some((a) => a.id === node.id);
      await load(isRoot || node.parentId === null ? ROOTS : node.parentId, true);
    },
    [load],
  );

  useEffect(() => {
    load(ROOTS).catch(setError);
  }, [load]);

  return { children, load, reloadAround, error };
}
