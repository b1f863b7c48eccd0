import type { Queryable } from '../../app/db/database.js';
import { publishRows } from '../../app/realtime.js';
import { boardIncidents, boardWarnings } from './board.presenter.js';

/**
 * What the other modules call, inside their writing transaction, to put a record on every open
 * command board in its jurisdiction. The event carries the board's own row shape (see
 * docs/incidents.md, "Live board"), read and sent in one statement within the transaction, so
 * it sees the uncommitted row and leaves only if the transaction commits.
 */
export async function publishIncidentEvent(trx: Queryable, type: 'incident.created' | 'incident.updated', incidentId: number): Promise<void> {
  await publishRows(trx, type, boardIncidents(trx).where('i.id', '=', incidentId));
}

export async function publishWarningEvent(trx: Queryable, type: 'warning.raised' | 'warning.upgraded' | 'warning.changed', warningId: number): Promise<void> {
  await publishRows(trx, type, boardWarnings(trx).where('w.id', '=', warningId));
}
