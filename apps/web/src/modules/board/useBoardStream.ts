import { useEffect, useRef, useState } from 'react';
import { api } from '../../app/api';
import { BOARD_STREAM_URL, INCIDENT_EVENTS, WARNING_EVENTS, type BoardEvent } from './board.api';

export type StreamState = 'connecting' | 'live' | 'offline';

interface Handlers {
  /** A live event from the server. */
  onEvent: (event: BoardEvent) => void;
  /** The stream is (again) subscribed after a gap, or the server says events were missed: reload the board. */
  onResync: () => void;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * The board's EventSource on /api/board/stream. The browser reconnects by itself (sending
 * Last-Event-ID); when the server refuses (session over, server down) we open a new one with
 * backoff, and every re-subscription after the first asks the page to reload what it shows.
 */
export function useBoardStream(handlers: Handlers): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const ref = useRef(handlers);
  ref.current = handlers;

  useEffect(() => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let disposed = false;
    let everReady = false;
    let attempts = 0;

    const reopenLater = () => {
      if (disposed || timer) return;
      const delay = Math.min(1000 * 2 ** attempts, MAX_BACKOFF_MS);
      attempts += 1;
      timer = setTimeout(() => {
        timer = null;
        // A 401 here sends the page to the sign-in form through the API client's handler.
        api.get('/api/me').then(open, reopenLater);
      }, delay);
    };

    function open() {
      if (disposed) return;
      source?.close();
      const es = new EventSource(BOARD_STREAM_URL, { withCredentials: true });
      source = es;
      setState('connecting');
      es.addEventListener('ready', () => {
        attempts = 0;
        setState('live');
        if (everReady) ref.current.onResync();
        everReady = true;
      });
      for (const type of [...INCIDENT_EVENTS, ...WARNING_EVENTS]) {
        es.addEventListener(type, (m: MessageEvent<string>) => {
          try {
            const data = JSON.parse(m.data) as BoardEvent['data'];
            ref.current.onEvent({ type, data } as BoardEvent);
          } catch {
            ref.current.onResync();
          }
        });
      }
      es.addEventListener('resync', () => ref.current.onResync());
      es.addEventListener('expired', () => {
        es.close();
        setState('offline');
        reopenLater();
      });
      es.onerror = () => {
        if (es.readyState === EventSource.CLOSED) {
          setState('offline');
          reopenLater();
        } else {
          setState('connecting');
        }
      };
    }

    open();
    return () => {
      disposed = true;
      if (timer) clearTimeout(timer);
      source?.close();
    };
  }, []);

  return state;
}
