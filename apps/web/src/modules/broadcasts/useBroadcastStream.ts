import { useEventStream, type StreamState } from '../../app/useEventStream';

export type { StreamState };

/** An EventSource on `url` that forwards the named broadcast events (see useEventStream). */
export function useBroadcastStream(url: string | null, types: readonly string[], handlers: { onEvent: (type: string, data: Record<string, unknown>) => void; onResync: () => void }): StreamState {
  return useEventStream(url, types, { onEvent: (type, data) => handlers.onEvent(type, data as Record<string, unknown>), onResync: () => handlers.onResync() });
}
