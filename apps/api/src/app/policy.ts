import { roleMay, type Action } from '@fengqiao/shared';
import type { Actor } from './actor.js';
import { errors } from './errors.js';

/**
 * The one place that decides who may do what. Use-cases call `authorize` before they read
 * anything that could reveal whether a record exists; repositories scope every query with
 * `scopePrefix`.
 */
export function can(actor: Actor, action: Action): boolean {
  // Integration keys only submit intake records (incidents); they use no staff endpoints.
  if (actor.kind === 'apiKey') return action === 'incidents.create';
  return roleMay(actor.role, action);
}

export function authorize(actor: Actor, action: Action): void {
  if (!can(actor, action)) throw errors.forbidden();
}

/** LIKE prefix that matches the actor's jurisdiction and everything below it. */
export function scopePrefix(actor: Actor): string {
  return `${actor.jurisdictionPath}%`;
}

export function inScope(actor: Actor, path: string): boolean {
  return path.startsWith(actor.jurisdictionPath);
}

/** Ids on the path '/1/4/17/' = [1, 4, 17]: the node and its ancestors. */
export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}
