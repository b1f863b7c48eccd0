import type { ColumnType, Generated } from 'kysely';
import type { JurisdictionKind, Role } from '@fengqiao/shared';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string | T, string | T>;

export interface GeoPolygon {
  type: 'Polygon';
  coordinates: [number, number][][];
}

export interface JurisdictionsTable {
  id: Generated<number>;
  parent_id: number | null;
  kind: JurisdictionKind;
  name: string;
  code: string | null;
  path: string;
  center_lat: number | null;
  center_lon: number | null;
  boundary: Json<GeoPolygon | null> | null;
  sort: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: NullableTimestamp;
}

export interface ChannelsTable {
  code: string;
  name_zh: string;
  name_en: string;
  sort: Generated<number>;
}

export interface DepartmentsTable {
  id: Generated<number>;
  name: string;
  kind: string;
  jurisdiction_id: number;
  contact_name: string | null;
  phone: string | null;
  address: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: NullableTimestamp;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  jurisdiction_id: number;
  department_id: number | null;
  phone: string | null;
  password_hash: string;
  must_change_password: Generated<boolean>;
  failed_login_count: Generated<number>;
  locked_until: NullableTimestamp;
  active: Generated<boolean>;
  is_demo: Generated<boolean>;
  last_login_at: NullableTimestamp;
  password_changed_at: Generated<Date>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  channel: string;
  jurisdiction_id: number;
  prefix: string;
  key_hash: string;
  created_by: number | null;
  created_at: Generated<Date>;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_user_id: number | null;
  actor_api_key_id: number | null;
  actor_name: string;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  jurisdiction_id: number | null;
  ip: string | null;
  request_id: string | null;
  change: Json<Record<string, unknown> | null> | null;
}

export interface AppSettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: Generated<Date>;
}

export interface DB {
  jurisdictions: JurisdictionsTable;
  channels: ChannelsTable;
  departments: DepartmentsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  audit_events: AuditEventsTable;
  app_settings: AppSettingsTable;
}
