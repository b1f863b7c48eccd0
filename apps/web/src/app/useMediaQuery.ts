import { useCallback, useSyncExternalStore } from 'react';

export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (notify: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** Phones and small tablets get the drawer menu and stacked layouts. */
export const NARROW_QUERY = '(max-width: 768px)';

export function useIsNarrow(): boolean {
  return useMediaQuery(NARROW_QUERY);
}
