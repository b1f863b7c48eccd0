import { sql, type Expression } from 'kysely';
import pg from 'pg';
import type { Queryable } from './db/database.js';

/**
 * Live events between API processes. A write publishes with PostgreSQL NOTIFY inside its own
 * transaction, so the event leaves only on commit and reaches every process on the database
 * (servers and CLIs alike). Each server keeps one LISTEN connection (the hub) and hands events
 * to its subscribers, filtered by jurisdiction: a subscriber gets an event only when the event's
 * jurisdiction path starts with the subscriber's scope.
 */
export const REALTIME_CHANNEL = 'fq_events';

/** NOTIFY payloads must stay below 8000 bytes; keep a margin. */
const MAX_PAYLOAD_BYTES = 7800;

export interface RealtimeEvent {
  /** e.g. `incident.created`, `warning.raised`. */
  type: string;
  /** Materialised jurisdiction path of the record (`/1/4/17/`): who may see it. */
  path: string;
  /** Ids and the few display fields a screen needs. */
  data: Record<string, unknown>;
}

export interface DeliveredEvent extends RealtimeEvent {
  /** `<hub boot>-<sequence>`: the SSE event id (Last-Event-ID). */
  id: string;
}

/** Sent to every subscriber after the hub lost its connection: events may be missing, reload. */
export const RESYNC_EVENT = 'resync';

/**
 * Queues `event` on the transaction: PostgreSQL delivers it when the transaction commits and
 * drops it on rollback. Too large a payload degrades to the record's id and `truncated: true`
 * rather than failing the write.
 */
export async function publish(trx: Queryable, event: RealtimeEvent): Promise<void> {
  let payload = JSON.stringify(event);
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
    payload = JSON.stringify({ type: event.type, path: event.path, data: { id: event.data.id ?? null, truncated: true } });
  }
  await sql`select pg_notify(${REALTIME_CHANNEL}, ${payload})`.execute(trx);
}

/**
 * Publishes one event per row of `source`, in one statement inside the transaction: the row's
 * `path` column is the event's path, its other columns (already named and formatted for the
 * client) the event's data. Saves the round trip of reading the row first.
 */
export async function publishRows(trx: Queryable, type: string, source: Expression<{ path: string }>): Promise<void> {
  await sql`
    select pg_notify(${REALTIME_CHANNEL}, case when octet_length(x.payload) <= ${MAX_PAYLOAD_BYTES} then x.payload
      else json_build_object('type', ${type}::text, 'path', x.path, 'data', json_build_object('id', x.id, 'truncated', true))::text end)
    from (select json_build_object('type', ${type}::text, 'path', e.path, 'data', to_jsonb(e) - 'path')::text as payload, e.path, to_jsonb(e) -> 'id' as id
          from (${source}) e) x`.execute(trx);
}

export interface RealtimeSubscriber {
  /** Jurisdiction path prefix (the actor's own path). */
  scope: string;
  send(event: DeliveredEvent): void;
  /** The server is shutting down. */
  end(): void;
}

export interface RealtimeHub {
  /** Connects and LISTENs; resolves once listening (or after the first attempt failed and a retry is scheduled). */
  start(): Promise<void>;
  stop(): Promise<void>;
  subscribe(subscriber: RealtimeSubscriber): () => void;
  /** Buffered events after `lastEventId` within `scope`; null when the id is unknown or too old (the client must reload). */
  since(lastEventId: string, scope: string): DeliveredEvent[] | null;
  /** Ends every open stream (before the HTTP server closes). */
  endAll(): void;
  readonly listening: boolean;
  /** Open subscriptions (streams) in this process. */
  readonly subscriberCount: number;
}

interface HubLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface HubOptions {
  /** null: no database to listen on; streams stay open with heartbeats only. */
  connectionString: string | null;
  log?: HubLog;
  /** Events kept for Last-Event-ID replay. */
  bufferSize?: number;
  minRetryMs?: number;
  maxRetryMs?: number;
}

const quiet: HubLog = { info: () => undefined, warn: () => undefined };

export function createRealtimeHub(options: HubOptions): RealtimeHub {
  const log = options.log ?? quiet;
  const bufferSize = options.bufferSize ?? 500;
  const minRetry = options.minRetryMs ?? 500;
  const maxRetry = options.maxRetryMs ?? 30_000;
  const boot = Date.now().toString(36);
  const subscribers = new Set<RealtimeSubscriber>();
  const buffer: (DeliveredEvent & { seq: number })[] = [];
  let seq = 0;
  let client: pg.Client | null = null;
  let stopped = true;
  let everConnected = false;
  let retryMs = minRetry;
  let timer: NodeJS.Timeout | null = null;

  function dispatch(event: DeliveredEvent) {
    for (const s of subscribers) {
      if (event.type !== RESYNC_EVENT && !event.path.startsWith(s.scope)) continue;
      try {
        s.send(event);
      } catch (err) {
        log.warn({ err }, 'realtime subscriber failed');
      }
    }
  }

  /** A notification carries one event, or several in order ({"events": [...]}: an intake batch's, migration 0021). */
  function receive(payload: string) {
    let parsed: RealtimeEvent | { events: RealtimeEvent[] };
    try {
      parsed = JSON.parse(payload) as RealtimeEvent | { events: RealtimeEvent[] };
    } catch {
      return;
    }
    if (typeof parsed !== 'object' || parsed === null) return;
    if ('events' in parsed) {
      if (Array.isArray(parsed.events)) for (const e of parsed.events) deliver(e);
      return;
    }
    deliver(parsed);
  }

  function deliver(parsed: RealtimeEvent) {
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.type !== 'string' || typeof parsed.path !== 'string') return;
    seq += 1;
    const event = { type: parsed.type, path: parsed.path, data: parsed.data ?? {}, id: `${boot}-${seq}`, seq };
    buffer.push(event);
    if (buffer.length > bufferSize) buffer.shift();
    dispatch(event);
  }

  function schedule() {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, maxRetry);
  }

  function drop(c: pg.Client, err?: unknown) {
    if (client !== c) return;
    client = null;
    if (!stopped) log.warn({ err }, 'realtime: LISTEN connection lost; reconnecting');
    c.end().catch(() => undefined);
    schedule();
  }

  async function connect(): Promise<void> {
    if (stopped || !options.connectionString) return;
    const c = new pg.Client({ connectionString: options.connectionString, keepAlive: true });
    c.on('notification', (msg) => {
      if (msg.channel === REALTIME_CHANNEL && msg.payload) receive(msg.payload);
    });
    c.on('error', (err) => drop(c, err));
    c.on('end', () => drop(c));
    try {
      client = c;
      await c.connect();
      await c.query(`LISTEN ${REALTIME_CHANNEL}`);
      if (stopped) {
        await c.end();
        return;
      }
      retryMs = minRetry;
      // Whatever was published while we were away is lost to this process: tell the screens.
      if (everConnected) {
        log.info({}, 'realtime: listening again');
        seq += 1;
        buffer.length = 0;
        dispatch({ type: RESYNC_EVENT, path: '', data: {}, id: `${boot}-${seq}` });
      }
      everConnected = true;
    } catch (err) {
      drop(c, err);
    }
  }

  return {
    get listening() {
      return client !== null && everConnected;
    },
    get subscriberCount() {
      return subscribers.size;
    },
    async start() {
      if (!stopped) return;
      stopped = false;
      if (!options.connectionString) {
        log.warn({}, 'realtime: no connection string for the database handle; live events are off');
        return;
      }
      await connect();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const c = client;
      client = null;
      this.endAll();
      await c?.end().catch(() => undefined);
    },
    subscribe(subscriber) {
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
    since(lastEventId, scope) {
      const m = /^([0-9a-z]+)-(\d+)$/.exec(lastEventId);
      if (!m || m[1] !== boot) return null;
      const after = Number(m[2]);
      const oldest = buffer[0]?.seq ?? seq + 1;
      // The next event after `after` must still be in the buffer, or some were dropped.
      if (after < seq && after + 1 < oldest) return null;
      return buffer.filter((e) => e.seq > after && e.path.startsWith(scope)).map(({ seq: _seq, ...e }) => e);
    },
    endAll() {
      for (const s of [...subscribers]) {
        subscribers.delete(s);
        try {
          s.end();
        } catch {
          // already closed
        }
      }
    },
  };
}
