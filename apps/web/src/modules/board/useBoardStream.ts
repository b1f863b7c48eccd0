import { useEventStream, type StreamState } from '../../app/useEventStream';
import { BOARD_STREAM_URL, INCIDENT_EVENTS, WARNING_EVENTS, type BoardEvent } from './board.api';

export type { StreamState };

interface Handlers {
  /** A live event from the server. */
  onEvent: (event: BoardEvent) => void;
  /** The stream is (again) subscribed after a gap, or the server says events were missed: reload the board. */
  onResync: () => void;
}

const BOARD_EVENTS = [...INCIDENT_EVENTS, ...WARNING_EVENTS];

/** The board's EventSource on /api/board/stream (connection, reconnection and parsing: useEventStream). */
export function useBoardStream(handlers: Handlers): StreamState {
  return useEventStream(BOARD_STREAM_URL, BOARD_EVENTS, {
    onEvent: (type, data) => handlers.onEvent({ type, data } as BoardEvent),
    onResync: () => handlers.onResync(),
  });
}
