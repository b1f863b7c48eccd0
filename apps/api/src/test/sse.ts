/** One server-sent event as a test client saw it. */
export interface SseEvent {
  id: string | undefined;
  type: string;
  data: Record<string, unknown>;
  /** performance.now() when the event arrived. */
  at: number;
}

export interface SseStream {
  status: number;
  contentType: string | null;
  events: SseEvent[];
  retry: number | null;
  /** Comment lines (heartbeats) seen. */
  comments: number;
  /** The server ended the response. */
  ended: boolean;
  waitFor(match: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

/**
 * Opens an event stream over real HTTP and parses it as it arrives (the board and broadcast
 * tests). Streams opened through one `SseClients` close together at the end of a file.
 */
export function sseClients() {
  const open: SseStream[] = [];
  return {
    async open(url: string, headers: Record<string, string> = {}, defaultTimeoutMs = 3000): Promise<SseStream> {
      const controller = new AbortController();
      const res = await fetch(url, { headers, signal: controller.signal });
      const events: SseEvent[] = [];
      const waiters = new Set<() => void>();
      const stream: SseStream = {
        status: res.status,
        contentType: res.headers.get('content-type'),
        events,
        retry: null,
        comments: 0,
        ended: false,
        waitFor(match, timeoutMs = defaultTimeoutMs) {
          return new Promise((resolve, reject) => {
            const check = () => {
              const hit = events.find(match);
              if (!hit) return false;
              waiters.delete(check);
              clearTimeout(timer);
              resolve(hit);
              return true;
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              reject(new Error(`no matching event within ${timeoutMs} ms; got ${events.map((e) => e.type).join(', ')}`));
            }, timeoutMs);
            if (!check()) waiters.add(check);
          });
        },
        close: () => controller.abort(),
      };
      open.push(stream);
      if (res.status !== 200 || !res.body) {
        await res.text().catch(() => undefined);
        return stream;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let pending = '';
      void (async () => {
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) {
              stream.ended = true;
              return;
            }
            pending += value;
            let cut: number;
            while ((cut = pending.indexOf('\n\n')) >= 0) {
              const block = pending.slice(0, cut);
              pending = pending.slice(cut + 2);
              let type = 'message';
              let id: string | undefined;
              const data: string[] = [];
              for (const line of block.split('\n')) {
                if (line.startsWith('event: ')) type = line.slice(7);
                else if (line.startsWith('id: ')) id = line.slice(4);
                else if (line.startsWith('data: ')) data.push(line.slice(6));
                else if (line.startsWith('retry: ')) stream.retry = Number(line.slice(7));
                else if (line.startsWith(':')) stream.comments += 1;
              }
              if (data.length === 0) continue;
              events.push({ id, type, data: JSON.parse(data.join('\n')) as Record<string, unknown>, at: performance.now() });
              for (const w of [...waiters]) w();
            }
          }
        } catch {
          // aborted
        }
      })();
      return stream;
    },
    closeAll(): void {
      for (const s of open) s.close();
    },
  };
}
