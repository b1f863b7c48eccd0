import { useEffect, useRef, useState } from 'react';
import { api } from './api';

export type StreamState = 'connecting' | 'live' | 'offline';

export interface EventStreamHandlers {
  /** A live event from the server: its type and parsed JSON data. */
  onEvent: (type: string, data: unknown) => void;
  /** The stream is (again) subscribed after a gap, or the server says events were missed: reload. */
  onResync: () => void;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * An EventSource on `url` (none while it is null) that forwards the named events. The browser
 * reconnects by itself (sending Last-Event-ID); when the server refuses (session over, server
 * down) or says the session expired, a new one opens with backoff, and every re-subscription
 * after the first calls `onResync` so the page reloads what it shows. An event whose data does
 * not parse counts as a gap too.
 */
export function useEventStream(url: string | null, types: readonly string[], handlers: EventStreamHandlers): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const ref = useRef(handlers);
  ref.current = handlers;
  const typesKey = types.join(',');

  useEffect(() => {
    if (!url) return;
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
      if (disposed || !url) return;
      source?.close();
      const es = new EventSource(url, { withCredentials: true });
      source = es;
      setState('connecting');
      es.addEventListener('ready', () => {
        attempts = 0;
        setState('live');
        if (everReady) ref.current.onResync();
        everReady = true;
      });
      for (const type of typesKey.split(',')) {
        es.addEventListener(type, (m: MessageEvent<string>) => {
          try {
            ref.current.onEvent(type, JSON.parse(m.data) as unknown);
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
  }, [url, typesKey]);

  return state;
}
