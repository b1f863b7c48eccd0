import type { Role } from './roles.js';

/**
 * The closed list of actions the policy module decides. The API enforces them; the web app
 * uses the same table to decide which menu entries a role sees.
 */
export const ACTIONS = [
  'dashboard.view',
  'org.view',
  'org.manage',
  'departments.view',
  'departments.manage',
  'users.view',
  'users.manage',
  'apikeys.manage',
  'audit.view',
  'places.view',
  'places.manage',
  'people.view',
  'people.manage',
  'people.viewIdentity',
  'houses.view',
  'houses.manage',
  'units.view',
  'units.manage',
  'rentals.view',
  'rentals.manage',
  'rentals.verify',
  'rentals.self',
  'imports.run',
  'incidents.view',
  'incidents.create',
  'incidents.export',
  'incidents.handle',
  'categories.manage',
  'warnings.manage',
  'cases.view',
  'cases.manage',
  'cases.mediate',
  'cases.bfile',
  'cases.transfer',
  'cases.followup',
  'cases.ledger',
  'cases.settings',
  'transfers.respond',
  'volunteers.view',
  'volunteers.manage',
  'tips.report',
  'tips.triage',
  'tasks.dispatch',
  'tasks.own',
  'broadcasts.send',
  'broadcasts.view',
  'broadcasts.receive',
  'patrols.manage',
  'patrols.checkin',
  'points.view',
  'points.reward',
  'stats.view',
  'stats.export',
  'reviews.view',
  'reviews.generate',
  'hotspots.view',
  'hotspots.run',
] as const;
export type Action = (typeof ACTIONS)[number];

const ALL_STAFF: readonly Role[] = ['admin', 'bureau', 'chief', 'officer', 'auxiliary'];

export const ACTION_ROLES: Record<Action, readonly Role[]> = {
  'dashboard.view': ['admin', 'bureau', 'chief', 'officer', 'auxiliary', 'grid', 'mediator', 'partner', 'volunteer', 'landlord'],
  'org.view': [...ALL_STAFF, 'grid', 'mediator'],
  'org.manage': ['admin'],
  'departments.view': [...ALL_STAFF, 'mediator', 'partner'],
  'departments.manage': ['admin'],
  'users.view': ['admin', 'bureau', 'chief'],
  'users.manage': ['admin'],
  'apikeys.manage': ['admin'],
  'audit.view': ['admin', 'bureau', 'chief'],
  'places.view': [...ALL_STAFF, 'grid', 'mediator'],
  'places.manage': ['admin', 'chief', 'officer', 'auxiliary'],
  'people.view': [...ALL_STAFF, 'grid'],
  'people.manage': ['chief', 'officer', 'auxiliary', 'grid'],
  // Whole identity numbers: police roles of the jurisdiction only (the system administrator is not one).
  'people.viewIdentity': ['bureau', 'chief', 'officer', 'auxiliary'],
  'houses.view': [...ALL_STAFF, 'grid'],
  'houses.manage': ['chief', 'officer', 'auxiliary', 'grid'],
  'units.view': [...ALL_STAFF, 'grid'],
  'units.manage': ['chief', 'officer', 'auxiliary', 'grid'],
  'rentals.view': [...ALL_STAFF, 'grid'],
  'rentals.manage': ['chief', 'officer', 'auxiliary', 'grid'],
  // Verification is the community officer's sign-off; auxiliaries and grid workers report but do not verify.
  'rentals.verify': ['chief', 'officer'],
  'rentals.self': ['landlord'],
  'imports.run': ['admin', 'chief', 'officer', 'auxiliary'],
  'incidents.view': [...ALL_STAFF, 'grid'],
  // Integration API keys may create incidents too: app/policy.ts lets them do this action only.
  'incidents.create': ['chief', 'officer', 'auxiliary', 'grid'],
  // The incident ledger with callers' names and phones: police roles of the jurisdiction and the bureau (audited).
  'incidents.export': ['bureau', 'chief', 'officer', 'auxiliary'],
  // Moving an incident through dispatch, arrival, handling and closure, and recording its outcome: police of the jurisdiction.
  'incidents.handle': ['chief', 'officer', 'auxiliary'],
  'categories.manage': ['admin', 'bureau'],
  // Repeat-incident warnings are worked by the police of the jurisdiction (一事一策).
  'warnings.manage': ['chief', 'officer', 'auxiliary'],
  // Dispute cases, A file: the police of the jurisdiction, the bureau, grid workers and mediators
  // (one of the four forces); partner departments see only what was transferred to them.
  'cases.view': [...ALL_STAFF, 'grid', 'mediator'],
  // Opening a case, moving its stage, parties and claims, evidence: police of the jurisdiction.
  'cases.manage': ['chief', 'officer', 'auxiliary'],
  // Recording mediation sessions and drafting the agreement: police and mediators.
  'cases.mediate': ['chief', 'officer', 'auxiliary', 'mediator'],
  // The B file (persons, household, relations, registration, education): police roles of the
  // case's jurisdiction only; never mediators, partners or the system administrator.
  'cases.bfile': ['bureau', 'chief', 'officer', 'auxiliary'],
  // Sending 两书一函 to a partner department.
  'cases.transfer': ['chief', 'officer'],
  // Follow-up visits (三访) and the daily list.
  'cases.followup': ['chief', 'officer', 'auxiliary'],
  // The monthly ledger (日清月结) as a page and a 台账 Excel file.
  'cases.ledger': ['bureau', 'chief', 'officer'],
  // Stage deadlines, follow-up offsets, the working-day calendar.
  'cases.settings': ['admin', 'bureau'],
  // A partner department answers the transfers addressed to it.
  'transfers.respond': ['partner'],
  // Mass prevention (群防群治). The registry of teams, members and training: police of the
  // jurisdiction keep it; grid workers read it.
  'volunteers.view': [...ALL_STAFF, 'grid'],
  'volunteers.manage': ['chief', 'officer', 'auxiliary'],
  // Tips (线索) come from volunteers and grid workers on a phone; officers triage them.
  'tips.report': ['volunteer', 'grid'],
  'tips.triage': ['chief', 'officer', 'auxiliary'],
  // Tasks (派单): dispatched by the police, worked by the volunteer they went to.
  'tasks.dispatch': ['chief', 'officer', 'auxiliary'],
  'tasks.own': ['volunteer'],
  // Broadcasts (协查/广播): sent by the chief or an officer, seen on the board by police staff,
  // received by volunteers and grid workers in the area.
  'broadcasts.send': ['chief', 'officer'],
  'broadcasts.view': [...ALL_STAFF],
  'broadcasts.receive': ['volunteer', 'grid'],
  // Patrol plans and school guard posts (护学岗); check-ins by whoever walks the route or stands the post.
  'patrols.manage': ['chief', 'officer', 'auxiliary'],
  'patrols.checkin': ['chief', 'officer', 'auxiliary', 'grid', 'volunteer'],
  // Points and the monthly leaderboard; rewards are recorded by the station.
  'points.view': [...ALL_STAFF, 'grid', 'volunteer'],
  'points.reward': ['chief', 'officer'],
  // Analysis. Statistics and maps are aggregate figures of the viewer's jurisdiction: police
  // staff; the Excel export is audited.
  'stats.view': [...ALL_STAFF],
  'stats.export': ['bureau', 'chief', 'officer'],
  // The Monday review (每周研判): read by police staff; generated on demand by the bureau and chiefs
  // (the scheduled job makes it every Monday morning).
  'reviews.view': ['bureau', 'chief', 'officer', 'auxiliary'],
  'reviews.generate': ['bureau', 'chief'],
  // Hotspot maps and predictions; computing and saving a run or a patrol proposal. Adopting a
  // proposal as patrol plans needs patrols.manage too.
  'hotspots.view': ['bureau', 'chief', 'officer', 'auxiliary'],
  'hotspots.run': ['bureau', 'chief', 'officer'],
};

export function roleMay(role: Role, action: Action): boolean {
  return ACTION_ROLES[action].includes(role);
}
