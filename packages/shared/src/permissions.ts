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
};

export function roleMay(role: Role, action: Action): boolean {
  return ACTION_ROLES[action].includes(role);
}
