import type { Role } from '@fengqiao/shared';
import type { Lang } from './errors.js';

export interface UserActor {
  kind: 'user';
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  jurisdictionId: number;
  /** Materialised path of the actor's jurisdiction: its subtree is the actor's scope. */
  jurisdictionPath: string;
  departmentId: number | null;
  sessionId: string;
}

export interface ApiKeyActor {
  kind: 'apiKey';
  apiKeyId: number;
  name: string;
  channel: string;
  jurisdictionId: number;
  jurisdictionPath: string;
}

export type Actor = UserActor | ApiKeyActor;

/** What a use-case needs to know about the request besides its input. */
export interface RequestContext {
  actor: Actor;
  ip: string;
  requestId: string;
  lang: Lang;
}
