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

export interface DivisionsTable {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
}

export interface CodeTablesTable {
  table_name: string;
  code: string;
  name: string;
  sort: Generated<number>;
  active: Generated<boolean>;
}

export interface StoredFilesTable {
  id: Generated<number>;
  sha256: string;
  mime: string;
  size_bytes: number;
  original_name: string;
  created_by: number | null;
  created_at: Generated<Date>;
}

export type AddressLevel = 'county' | 'town' | 'community' | 'compound' | 'building' | 'unit' | 'room';

export interface AddressesTable {
  id: Generated<number>;
  parent_id: number | null;
  level: AddressLevel;
  name: string;
  full_name: string;
  path: string;
  division_code: string | null;
  jurisdiction_id: number;
  lat: number | null;
  lon: number | null;
  grams: Generated<string[]>;
  sort: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: NullableTimestamp;
}

export type PersonCategory = 'registered' | 'floating' | 'tenant';

export interface PersonsTable {
  id: Generated<number>;
  name: string;
  category: PersonCategory;
  id_number_enc: string | null;
  id_number_hash: string | null;
  id_number_masked: string | null;
  gender: 'male' | 'female' | 'unknown' | null;
  birth_date: ColumnType<string | null, string | null | undefined, string | null>;
  ethnicity_code: string | null;
  phone: string | null;
  household_place: string | null;
  current_address_id: number | null;
  jurisdiction_id: number;
  notes: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: NullableTimestamp;
}

export interface PersonAddressesTable {
  id: Generated<number>;
  person_id: number;
  address_id: number;
  kind: 'residence' | 'household' | 'work';
  from_date: ColumnType<string, string, string>;
  to_date: ColumnType<string | null, string | null | undefined, string | null>;
  source: Generated<string>;
  created_at: Generated<Date>;
}

export type HouseUse = 'own' | 'rental' | 'vacant' | 'business' | 'other';

export interface HousesTable {
  id: Generated<number>;
  address_id: number;
  jurisdiction_id: number;
  use: HouseUse;
  owner_person_id: number | null;
  area_m2: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  occupant_limit: number | null;
  notes: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type UnitKind = 'enterprise' | 'shop' | 'venue' | 'school' | 'key_place' | 'other';

export interface UnitsTable {
  id: Generated<number>;
  name: string;
  kind: UnitKind;
  credit_code: string | null;
  credit_code_ok: boolean | null;
  address_id: number | null;
  jurisdiction_id: number;
  legal_representative: string | null;
  contact_phone: string | null;
  employees: number | null;
  key_place: Generated<boolean>;
  notes: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: NullableTimestamp;
}

export interface RentalHousesTable {
  id: Generated<number>;
  house_id: number;
  landlord_person_id: number;
  landlord_user_id: number | null;
  jurisdiction_id: number;
  occupant_limit: Generated<number>;
  registered_on: ColumnType<string, string | undefined, string>;
  status: Generated<'active' | 'withdrawn'>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TenanciesTable {
  id: Generated<number>;
  rental_house_id: number;
  person_id: number;
  check_in: ColumnType<string, string, string>;
  check_out: ColumnType<string | null, string | null | undefined, string | null>;
  reported_by: number | null;
  reported_via: 'officer' | 'landlord' | 'import';
  verified_at: NullableTimestamp;
  verified_by: number | null;
  checkout_verified_at: NullableTimestamp;
  checkout_verified_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ResponsibilityAgreementsTable {
  id: Generated<number>;
  rental_house_id: number;
  signed_on: ColumnType<string, string, string>;
  expires_on: ColumnType<string, string, string>;
  file_id: number | null;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface ImportsTable {
  id: Generated<number>;
  kind: 'people' | 'houses' | 'units' | 'rentals';
  file_name: string;
  status: Generated<'previewed' | 'committed' | 'discarded'>;
  jurisdiction_id: number;
  total_rows: Generated<number>;
  error_rows: Generated<number>;
  created_by: number;
  created_at: Generated<Date>;
  committed_at: NullableTimestamp;
}

export interface ImportRowsTable {
  import_id: number;
  row_number: number;
  data: Json<Record<string, string>>;
  errors: Json<{ column: string; rule: string; message: { zh: string; en: string } }[]>;
}

export type IncidentKind = 'criminal' | 'public_order' | 'traffic' | 'fire' | 'help' | 'dispute' | 'report' | 'complaint' | 'other';
export type IncidentStatus = 'received' | 'dispatched' | 'arrived' | 'handled' | 'closed';

export interface IncidentCategoriesTable {
  code: string;
  name_zh: string;
  name_en: Generated<string>;
  parent_code: string | null;
  level: number;
  kind: IncidentKind;
  source: 'jcj110' | 'ga240' | 'local';
  active: Generated<boolean>;
  sort: Generated<number>;
}

export interface CodeNameTable {
  code: string;
  name_zh: string;
  name_en: string;
  sort: Generated<number>;
}

export interface IncidentsTable {
  id: Generated<number>;
  channel: string;
  external_ref: string | null;
  received_at: Timestamp;
  category_code: string;
  kind: IncidentKind;
  risk_domain: string | null;
  dispute_type: string | null;
  summary: string;
  narrative: Generated<string>;
  caller_name: string | null;
  caller_phone: string | null;
  address_text: string | null;
  address_id: number | null;
  address_confidence: number | null;
  lat: number | null;
  lon: number | null;
  jurisdiction_id: number;
  status: Generated<IncidentStatus>;
  dispatched_at: NullableTimestamp;
  arrived_at: NullableTimestamp;
  handled_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  created_by: number | null;
  api_key_id: number | null;
  created_at: Generated<Date>;
  outcome: IncidentOutcome | null;
  case_number: string | null;
  outcome_note: string | null;
  outcome_at: NullableTimestamp;
  /** The dispute case this incident opened (outcome dispute_case). */
  dispute_case_id: number | null;
  outcome_by: number | null;
  risk_score: number | null;
  /** The escalation score's factors as shown on the incident page. */
  risk_factors: Json<RiskFactor[]> | null;
  address_corrected_by: number | null;
  address_corrected_at: NullableTimestamp;
  /** GA 240.1 category (incident_categories, source 'ga240') of the criminal case it became. */
  case_category_code: string | null;
  /** When the filed case (criminal/administrative) was solved, 破案 (migration 0016). */
  case_solved_at: NullableTimestamp;
}

export type IncidentOutcome = 'administrative_case' | 'criminal_case' | 'dispute_case' | 'help_given' | 'no_action';
export interface RiskFactor {
  /** Stable key, e.g. 'category', 'repetition', 'threat_words'. */
  key: string;
  points: number;
  /** Human-readable evidence (matched words, counts). */
  detail: string;
}

/** An allowed status step; channel null = every channel (migration 0007). */
export interface IncidentStatusTransitionsTable {
  id: Generated<number>;
  from_status: IncidentStatus;
  to_status: IncidentStatus;
  channel: string | null;
}

/** The 1-3-5 minute standard per kind of area. */
export interface ResponseStandardsTable {
  area_kind: JurisdictionKind;
  dispatch_seconds: number;
  arrive_seconds: number;
}

export type PartyRole = 'caller' | 'party' | 'victim' | 'suspect' | 'witness';
export interface IncidentPartiesTable {
  id: Generated<number>;
  incident_id: number;
  role: PartyRole;
  name: string;
  phone: string | null;
  person_id: number | null;
  injured: Generated<boolean>;
  note: string | null;
  created_at: Generated<Date>;
  id_number_enc: string | null;
  id_number_hash: string | null;
  id_number_masked: string | null;
  /** 'p:<person id>' when linked to a person record, else 'h:<identity hash>'; null for an unidentified party. */
  link_key: string | null;
}

export interface SavedFiltersTable {
  id: Generated<number>;
  user_id: number;
  page: string;
  name: string;
  query: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  incident_id: number | null;
  created_at: Generated<Date>;
}

export type RepeatLinkBy = 'address' | 'phone' | 'party';
export type WarningLevel = 'red' | 'orange' | 'yellow' | 'blue';
export type WarningStatus = 'open' | 'acknowledged' | 'planned' | 'closed';

export interface RepeatRulesTable {
  id: Generated<number>;
  name: string;
  link_by: RepeatLinkBy;
  window_days: number;
  threshold: number;
  level: WarningLevel;
  active: Generated<boolean>;
}

export interface RepeatClustersTable {
  id: Generated<number>;
  link_by: RepeatLinkBy;
  link_value: string;
  jurisdiction_id: number;
  first_at: Timestamp;
  last_at: Timestamp;
  incident_count: Generated<number>;
  level: WarningLevel | null;
  created_at: Generated<Date>;
}

export interface RepeatClusterIncidentsTable {
  cluster_id: number;
  incident_id: number;
}

export type WarningSource = 'repeat' | 'escalation';
export interface WarningsTable {
  id: Generated<number>;
  source: Generated<WarningSource>;
  /** Set for repeat warnings. */
  cluster_id: number | null;
  /** Set for escalation warnings. */
  incident_id: number | null;
  level: WarningLevel;
  reason: string;
  owner_user_id: number | null;
  /** A date: 'YYYY-MM-DD' text (db/database.ts keeps DATE unparsed). */
  deadline: string;
  status: Generated<WarningStatus>;
  plan: string | null;
  closed_reason: string | null;
  jurisdiction_id: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A word the escalation scorer looks for among the segmented words of an incident. */
export type RiskTermKind = 'threat' | 'violence' | 'injury';
export interface RiskTermsTable {
  term: string;
  kind: RiskTermKind;
  points: number;
  updated_at: Generated<Date>;
}

export interface WarningEventsTable {
  id: Generated<number>;
  warning_id: number;
  actor_user_id: number | null;
  actor_name: string;
  at: Generated<Date>;
  from_status: WarningStatus | null;
  to_status: WarningStatus;
  note: string | null;
}

/** One row: bumped by every statement that writes addresses or jurisdictions (the matcher's cache key). */
export interface AddressMatchVersionTable {
  id: Generated<boolean>;
  version: Generated<number>;
}

/** Bumped by any write to the code tables intake validates against (migration 0012). */
export interface IntakeCodesVersionTable {
  id: Generated<boolean>;
  version: Generated<number>;
}

export type CaseStage = 'registered' | 'assessing' | 'mediating' | 'transferred' | 'agreement' | 'no_agreement' | 'follow_up' | 'closed';
export type CaseResolution = 'resolved' | 'transferred_tracked' | 'failed_escalated';
export type CaseSource = 'incident' | 'cluster' | 'tip' | 'visit' | 'direct';

export interface CaseStagesTable {
  code: CaseStage;
  name_zh: string;
  name_en: string;
  sort: number;
  terminal: boolean;
}

export interface CaseTransitionsTable {
  id: Generated<number>;
  action: string;
  from_stage: CaseStage;
  to_stage: CaseStage;
  reason_required: Generated<boolean>;
}

export interface CaseResolutionsTable {
  code: CaseResolution;
  name_zh: string;
  name_en: string;
  sort: number;
}

export interface CaseStageDeadlinesTable {
  id: Generated<number>;
  stage: CaseStage;
  from_stage: CaseStage | null;
  days: number;
  working_days: Generated<boolean>;
}

export interface CalendarDaysTable {
  /** 'YYYY-MM-DD' */
  day: string;
  workday: boolean;
  note: string | null;
}

export interface DisputeCasesTable {
  id: Generated<number>;
  case_no: string;
  title: string;
  summary: Generated<string>;
  source: CaseSource;
  source_incident_id: number | null;
  source_cluster_id: number | null;
  source_note: string | null;
  dispute_type: string;
  risk_domain: string | null;
  stage: Generated<CaseStage>;
  resolution: CaseResolution | null;
  stage_entered_at: Generated<Date>;
  stage_due_at: NullableTimestamp;
  officer_user_id: number | null;
  leader_user_id: number | null;
  address_id: number | null;
  address_text: string | null;
  lat: number | null;
  lon: number | null;
  jurisdiction_id: number;
  result: string | null;
  reopened_count: Generated<number>;
  closed_at: NullableTimestamp;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CaseIncidentsTable {
  case_id: number;
  incident_id: number;
  reason: 'source' | 'linked' | 'relapse';
  linked_by: number | null;
  linked_at: Generated<Date>;
}

export interface CaseEventsTable {
  id: Generated<number>;
  case_id: number;
  action: string;
  from_stage: CaseStage | null;
  to_stage: CaseStage;
  resolution: CaseResolution | null;
  reason: string | null;
  actor_user_id: number | null;
  actor_name: string;
  at: Generated<Date>;
}

export type CasePartySide = 'applicant' | 'respondent' | 'other';
export interface CasePartiesTable {
  id: Generated<number>;
  case_id: number;
  side: CasePartySide;
  name: string;
  phone: string | null;
  person_id: number | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  id_number_masked: string | null;
  claims: Generated<string>;
  created_at: Generated<Date>;
}

export interface CaseEvidenceTable {
  id: Generated<number>;
  case_id: number;
  file_id: number;
  kind: 'photo' | 'video' | 'document' | 'followup';
  /** The name this item was uploaded under (the stored file keeps its first name). */
  file_name: string | null;
  description: Generated<string>;
  uploaded_by: number | null;
  uploaded_at: Generated<Date>;
}

export type MediationOutcome = 'agreed' | 'partial' | 'adjourned' | 'failed';
export interface MediationSessionsTable {
  id: Generated<number>;
  case_id: number;
  held_at: Timestamp;
  place: string;
  attendees: Generated<string>;
  record: Generated<string>;
  outcome: MediationOutcome;
  created_by: number | null;
  created_at: Generated<Date>;
}

/** The four forces (四支力量): village grid, town people's mediation, police room, judicial. */
export type MediatorForce = 'grid' | 'town' | 'police_room' | 'judicial';
export interface MediationSessionMediatorsTable {
  session_id: number;
  force: MediatorForce;
  name: string;
  user_id: number | null;
}

/** 两书一函: 公调对接通知单, 联调联处通知单, 委托调解函. */
export type TransferKind = 'gongdiao' | 'liandiao' | 'weituo';
export type TransferStatus = 'sent' | 'accepted' | 'rejected' | 'resolved' | 'failed';
export interface CaseTransfersTable {
  id: Generated<number>;
  case_id: number;
  kind: TransferKind;
  doc_no: string;
  department_id: number;
  note: Generated<string>;
  status: Generated<TransferStatus>;
  sent_by: number | null;
  sent_at: Generated<Date>;
  ack_due_at: Timestamp;
  due_at: Timestamp;
  responded_at: NullableTimestamp;
  responded_by: number | null;
  reject_reason: string | null;
  result: string | null;
  finished_at: NullableTimestamp;
}

export interface CaseTransferUpdatesTable {
  id: Generated<number>;
  transfer_id: number;
  kind: 'accepted' | 'rejected' | 'progress' | 'resolved' | 'failed';
  note: string;
  actor_user_id: number | null;
  actor_name: string;
  at: Generated<Date>;
}

export interface CaseAgreementsTable {
  id: Generated<number>;
  case_id: number;
  agreement_no: string;
  facts: string;
  issues: string;
  responsibilities: Generated<string>;
  terms: string;
  performance: string;
  mediator_names: string;
  signature_status: Generated<'unsigned' | 'partly_signed' | 'signed'>;
  /** 'YYYY-MM-DD' */
  signed_on: string | null;
  judicial_confirmation: Generated<boolean>;
  /** 'YYYY-MM-DD' */
  judicial_deadline: string | null;
  /** 'YYYY-MM-DD' */
  judicial_applied_on: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type FollowupKind = 'phone' | 'field' | 'community';
export interface FollowupPlanTable {
  kind: FollowupKind;
  offset_days: number;
  sort: number;
}

export interface CaseFollowupsTable {
  id: Generated<number>;
  case_id: number;
  kind: FollowupKind;
  /** 'YYYY-MM-DD' */
  due_on: string;
  assigned_user_id: number | null;
  done_at: NullableTimestamp;
  done_by: number | null;
  finding: string | null;
  relapse: Generated<boolean>;
  relapse_incident_id: number | null;
  created_at: Generated<Date>;
}

export type RelationKind = 'spouse' | 'parent' | 'child' | 'sibling' | 'grandparent' | 'grandchild' | 'other_family' | 'friend' | 'colleague' | 'neighbour' | 'landlord' | 'tenant' | 'other';
export interface PersonRelationsTable {
  id: Generated<number>;
  person_id: number;
  related_person_id: number | null;
  name: string;
  relation: RelationKind;
  same_household: Generated<boolean>;
  phone: string | null;
  note: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
}

/** 反诈, 禁毒, 三轮车电动车非法载人, 一盔一带. */
export type EducationTopic = 'anti_fraud' | 'anti_drug' | 'illegal_passenger' | 'helmet_belt';
export interface PreventionEducationTable {
  id: Generated<number>;
  person_id: number;
  case_id: number | null;
  topic: EducationTopic;
  /** 'YYYY-MM-DD' */
  delivered_on: string;
  delivered_by_user_id: number | null;
  delivered_by_name: string;
  note: string | null;
  created_at: Generated<Date>;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: Generated<string>;
  link: string | null;
  entity_type: string | null;
  entity_id: string | null;
  dedupe_key: string | null;
  created_at: Generated<Date>;
  read_at: NullableTimestamp;
}

// Mass prevention (群防群治), migration 0014.
export type TeamKind = 'courier' | 'sanitation' | 'taxi' | 'ride_hailing' | 'ski_resort' | 'red_armband' | 'women' | 'security_guard' | 'grid' | 'other';
export interface VolunteerTeamsTable {
  id: Generated<number>;
  name: string;
  kind: TeamKind;
  jurisdiction_id: number;
  unit_id: number | null;
  leader_name: string | null;
  phone: string | null;
  note: string | null;
  created_at: Generated<Date>;
  archived_at: NullableTimestamp;
}

/** 治安信息员, 文明劝导员, 暖心服务员, 矛盾调解员 */
export type VolunteerRole = 'info' | 'persuader' | 'warmth' | 'mediator';
export interface VolunteersTable {
  id: Generated<number>;
  user_id: number | null;
  person_id: number | null;
  name: string;
  phone: string | null;
  team_id: number | null;
  role: VolunteerRole;
  skills: Generated<string[]>;
  jurisdiction_id: number;
  status: Generated<'active' | 'paused' | 'left'>;
  /** 'YYYY-MM-DD' */
  joined_on: Generated<string>;
  last_lat: number | null;
  last_lon: number | null;
  last_located_at: NullableTimestamp;
  created_at: Generated<Date>;
}

/** 普法宣传, 信息收集, 矛盾调解, 紧急救助 */
export type TrainingTopic = 'law' | 'intel' | 'mediation' | 'rescue';
export interface TrainingCoursesTable {
  id: Generated<number>;
  topic: TrainingTopic;
  title: string;
  /** 'YYYY-MM-DD' */
  held_on: string;
  /** numeric: comes back as a string */
  hours: ColumnType<string, number | string | undefined, number | string>;
  jurisdiction_id: number;
  created_by: number | null;
  created_at: Generated<Date>;
}
export interface TrainingCompletionsTable {
  course_id: number;
  volunteer_id: number;
  /** 'YYYY-MM-DD' */
  completed_on: string;
}

export interface PointRulesTable {
  code: string;
  name_zh: string;
  name_en: string;
  points: number;
  active: Generated<boolean>;
}
export interface PointEntriesTable {
  id: Generated<number>;
  volunteer_id: number;
  rule_code: string;
  points: number;
  entity_type: string;
  entity_id: string;
  at: Generated<Date>;
}
export interface RewardsTable {
  id: Generated<number>;
  volunteer_id: number | null;
  team_id: number | null;
  /** 'YYYY-MM' */
  month: string;
  title: string;
  note: string | null;
  awarded_by: number | null;
  awarded_at: Generated<Date>;
}

export type TipCategory = 'security' | 'dispute' | 'hazard' | 'fraud' | 'drugs' | 'traffic' | 'other';
export interface TipsTable {
  id: Generated<number>;
  volunteer_id: number | null;
  reporter_user_id: number | null;
  category: TipCategory;
  text: string;
  lat: number | null;
  lon: number | null;
  accuracy_m: number | null;
  address_text: string | null;
  jurisdiction_id: number;
  status: Generated<'new' | 'accepted' | 'dismissed'>;
  triaged_by: number | null;
  triaged_at: NullableTimestamp;
  dismiss_reason: string | null;
  incident_id: number | null;
  created_at: Generated<Date>;
}
export interface TipFilesTable {
  tip_id: number;
  file_id: number;
}

export type TaskKind = 'patrol' | 'visit' | 'hazard' | 'propaganda' | 'event_security';
export interface TasksTable {
  id: Generated<number>;
  kind: TaskKind;
  title: string;
  description: Generated<string>;
  volunteer_id: number | null;
  team_id: number | null;
  place_text: string | null;
  lat: number | null;
  lon: number | null;
  radius_m: Generated<number>;
  window_start: Timestamp;
  window_end: Timestamp;
  jurisdiction_id: number;
  created_by: number | null;
  created_at: Generated<Date>;
  cancelled_at: NullableTimestamp;
  cancel_reason: string | null;
}
export type AssignmentStatus = 'assigned' | 'accepted' | 'declined' | 'checked_in' | 'completed';
export interface TaskAssignmentsTable {
  id: Generated<number>;
  task_id: number;
  volunteer_id: number;
  status: Generated<AssignmentStatus>;
  responded_at: NullableTimestamp;
  decline_reason: string | null;
  checkin_at: NullableTimestamp;
  checkin_lat: number | null;
  checkin_lon: number | null;
  checkin_distance_m: number | null;
  checkin_on_site: boolean | null;
  completed_at: NullableTimestamp;
  record: string | null;
  reminded_at: NullableTimestamp;
}
export interface TaskFilesTable {
  assignment_id: number;
  file_id: number;
}

export type BroadcastKind = 'missing_person' | 'missing_child' | 'wanted_vehicle' | 'fraud_alert';
export interface BroadcastsTable {
  id: Generated<number>;
  kind: BroadcastKind;
  title: string;
  body: string;
  file_id: number | null;
  target: 'radius' | 'polygon' | 'teams';
  center_lat: number | null;
  center_lon: number | null;
  radius_m: number | null;
  polygon: Json<GeoPolygon> | null;
  team_ids: Generated<number[]>;
  include_grid: Generated<boolean>;
  status: Generated<'open' | 'closed'>;
  found_at: NullableTimestamp;
  found_reply_id: number | null;
  closed_at: NullableTimestamp;
  close_note: string | null;
  jurisdiction_id: number;
  created_by: number | null;
  created_at: Generated<Date>;
}
export interface BroadcastRecipientsTable {
  broadcast_id: number;
  user_id: number;
  delivered_at: NullableTimestamp;
  acknowledged_at: NullableTimestamp;
}
export interface BroadcastRepliesTable {
  id: Generated<number>;
  broadcast_id: number;
  user_id: number;
  kind: 'sighting' | 'found' | 'note';
  text: Generated<string>;
  lat: number | null;
  lon: number | null;
  file_id: number | null;
  at: Generated<Date>;
}

export interface PatrolCheckpoint {
  name: string;
  lat: number;
  lon: number;
}
export interface PatrolPlansTable {
  id: Generated<number>;
  name: string;
  jurisdiction_id: number;
  mode: 'vehicle' | 'foot';
  /** 'HH:MM:SS' */
  band_start: string;
  /** 'HH:MM:SS' */
  band_end: string;
  weekdays: Generated<number[]>;
  staggered: Generated<boolean>;
  team_id: number | null;
  checkpoints: Json<PatrolCheckpoint[]>;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: Generated<Date>;
}
export interface PatrolCheckinsTable {
  id: Generated<number>;
  plan_id: number;
  checkpoint_index: number;
  user_id: number;
  volunteer_id: number | null;
  lat: number;
  lon: number;
  distance_m: number;
  on_site: boolean;
  at: Generated<Date>;
}
export interface SchoolsTable {
  id: Generated<number>;
  name: string;
  jurisdiction_id: number;
  address_text: string | null;
  lat: number;
  lon: number;
  /** 'HH:MM:SS' */
  opening_time: string;
  /** 'HH:MM:SS' */
  closing_time: string;
  created_at: Generated<Date>;
}
export interface GuardPostsTable {
  id: Generated<number>;
  school_id: number;
  name: string;
  officer_user_id: number | null;
  active: Generated<boolean>;
}
export interface GuardPostMembersTable {
  post_id: number;
  volunteer_id: number;
}
export interface GuardAttendanceTable {
  id: Generated<number>;
  post_id: number;
  /** 'YYYY-MM-DD' */
  day: string;
  band: 'opening' | 'closing';
  user_id: number;
  lat: number | null;
  lon: number | null;
  distance_m: number | null;
  at: Generated<Date>;
}

// ---- Analysis (migration 0015): Monday reviews, hotspot runs, patrol proposals ----
export interface WeeklyReviewsTable {
  id: Generated<number>;
  jurisdiction_id: number;
  /** 'YYYY-MM-DD', a Monday (Asia/Shanghai). */
  week_start: ColumnType<string, string, string>;
  /** The review as shown (modules/reviews/reviews.types.ts: ReviewContent). */
  content: Json<Record<string, unknown>>;
  generated_at: Generated<Date>;
  /** null = the scheduled job. */
  generated_by: number | null;
}
export interface HotspotGridJson {
  /** South-west corner of the grid. */
  originLat: number;
  originLon: number;
  cellM: number;
  cols: number;
  rows: number;
}
export interface HotspotCellJson {
  cell: number;
  /** Centre of the cell. */
  lat: number;
  lon: number;
  risk: number;
  rank: number;
}
export interface HotspotRunsTable {
  id: Generated<number>;
  jurisdiction_id: number;
  method: string;
  /** incidents.kind, or null for all. */
  kind: IncidentKind | null;
  /** 'HH:MM-HH:MM' or null for all day. */
  band: string | null;
  cell_m: number;
  params: Json<Record<string, number | string>>;
  train_start: Timestamp;
  train_end: Timestamp;
  target_start: Timestamp;
  target_end: Timestamp;
  event_count: number;
  grid: Json<HotspotGridJson>;
  cells: Json<HotspotCellJson[]>;
  created_by: number | null;
  created_at: Generated<Date>;
}
export interface PatrolProposalShiftJson {
  /** 'HH:MM-HH:MM' */
  band: string;
  units: number;
  mode: 'vehicle' | 'foot';
}
export interface PatrolProposalAreaJson {
  band: string;
  mode: 'vehicle' | 'foot';
  cells: number[];
  centre: { lat: number; lon: number };
  checkpoints: { name: string; lat: number; lon: number }[];
  /** Share of the band's predicted risk inside this area. */
  expectedCoverage: number;
}
export interface PatrolProposalsTable {
  id: Generated<number>;
  jurisdiction_id: number;
  run_id: number | null;
  units: number;
  shifts: Json<PatrolProposalShiftJson[]>;
  areas: Json<PatrolProposalAreaJson[]>;
  expected_coverage: number;
  status: Generated<'proposed' | 'adopted' | 'dismissed'>;
  adopted_plan_ids: Generated<number[]>;
  created_by: number | null;
  created_at: Generated<Date>;
  decided_by: number | null;
  decided_at: NullableTimestamp;
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
  divisions: DivisionsTable;
  code_tables: CodeTablesTable;
  stored_files: StoredFilesTable;
  addresses: AddressesTable;
  persons: PersonsTable;
  person_addresses: PersonAddressesTable;
  houses: HousesTable;
  units: UnitsTable;
  rental_houses: RentalHousesTable;
  tenancies: TenanciesTable;
  responsibility_agreements: ResponsibilityAgreementsTable;
  imports: ImportsTable;
  import_rows: ImportRowsTable;
  incident_categories: IncidentCategoriesTable;
  risk_domains: CodeNameTable;
  mediation_dispute_types: CodeNameTable;
  incidents: IncidentsTable;
  idempotency_keys: IdempotencyKeysTable;
  repeat_rules: RepeatRulesTable;
  repeat_clusters: RepeatClustersTable;
  repeat_cluster_incidents: RepeatClusterIncidentsTable;
  warnings: WarningsTable;
  warning_events: WarningEventsTable;
  incident_parties: IncidentPartiesTable;
  saved_filters: SavedFiltersTable;
  risk_terms: RiskTermsTable;
  incident_status_transitions: IncidentStatusTransitionsTable;
  response_standards: ResponseStandardsTable;
  address_match_version: AddressMatchVersionTable;
  intake_codes_version: IntakeCodesVersionTable;
  case_stages: CaseStagesTable;
  case_transitions: CaseTransitionsTable;
  case_resolutions: CaseResolutionsTable;
  case_stage_deadlines: CaseStageDeadlinesTable;
  calendar_days: CalendarDaysTable;
  dispute_cases: DisputeCasesTable;
  case_incidents: CaseIncidentsTable;
  case_events: CaseEventsTable;
  case_parties: CasePartiesTable;
  case_evidence: CaseEvidenceTable;
  mediation_sessions: MediationSessionsTable;
  mediation_session_mediators: MediationSessionMediatorsTable;
  case_transfers: CaseTransfersTable;
  case_transfer_updates: CaseTransferUpdatesTable;
  case_agreements: CaseAgreementsTable;
  followup_plan: FollowupPlanTable;
  case_followups: CaseFollowupsTable;
  person_relations: PersonRelationsTable;
  prevention_education: PreventionEducationTable;
  notifications: NotificationsTable;
  volunteer_teams: VolunteerTeamsTable;
  volunteers: VolunteersTable;
  training_courses: TrainingCoursesTable;
  training_completions: TrainingCompletionsTable;
  point_rules: PointRulesTable;
  point_entries: PointEntriesTable;
  rewards: RewardsTable;
  tips: TipsTable;
  tip_files: TipFilesTable;
  tasks: TasksTable;
  task_assignments: TaskAssignmentsTable;
  task_files: TaskFilesTable;
  broadcasts: BroadcastsTable;
  broadcast_recipients: BroadcastRecipientsTable;
  broadcast_replies: BroadcastRepliesTable;
  patrol_plans: PatrolPlansTable;
  patrol_checkins: PatrolCheckinsTable;
  schools: SchoolsTable;
  guard_posts: GuardPostsTable;
  guard_post_members: GuardPostMembersTable;
  guard_attendance: GuardAttendanceTable;
  weekly_reviews: WeeklyReviewsTable;
  hotspot_runs: HotspotRunsTable;
  patrol_proposals: PatrolProposalsTable;
  stats_kind_days: StatsDaysTable;
  stats_kind_months: StatsMonthsTable;
  stats_category_days: StatsDaysTable;
  stats_category_months: StatsMonthsTable;
  stats_rollup_state: StatsRollupStateTable;
}

/** Statistics rollups (migration 0016): counts per local day (or month) × jurisdiction × kind (category_code '') or × category. */
export interface StatsRollupCounts {
  jurisdiction_id: number;
  kind: IncidentKind;
  category_code: string;
  received: number;
  valid: number;
  filed: number;
  solved: number;
  arrived: number;
  compliant: number;
}
export interface StatsDaysTable extends StatsRollupCounts {
  day: string;
}
export interface StatsMonthsTable extends StatsRollupCounts {
  month: string;
}
export interface StatsRollupStateTable {
  id: Generated<boolean>;
  folded_id: Generated<number>;
  gaps: Generated<number[]>;
  gap_xmax: Generated<number[]>;
  gap_found: Generated<Date[]>;
  fingerprint: string | null;
  folded_at: NullableTimestamp;
}
