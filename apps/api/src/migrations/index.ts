import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_base_data.js';
import * as m0003places from './0003_places_match.js';
import * as m0004 from './0004_incidents.js';
import * as m0005 from './0005_repeat_warnings.js';
import * as m0006 from './0006_incident_work.js';
import * as m0007 from './0007_incident_parties.js';
import * as m0008 from './0008_escalation_risk.js';
import * as m0009 from './0009_intake_speed.js';
import * as m0010 from './0010_incident_timing.js';
import * as m0011 from './0011_dispute_cases.js';
import * as m0012 from './0012_intake_fast.js';
import * as m0013 from './0013_evidence_names.js';
import * as m0014 from './0014_mass_prevention.js';
import * as m0015 from './0015_analysis.js';
import * as m0016 from './0016_stats.js';
import * as m0017 from './0017_intake_batch.js';
import * as m0018 from './0018_stats_cover.js';
import * as m0019 from './0019_intake_set.js';
import * as m0020 from './0020_repeat_episodes.js';
import * as m0021 from './0021_intake_answer.js';
import * as m0022 from './0022_drop_answer_view.js';

/** Every migration, in order. Never edit one that has landed; add the next number. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_base_data': m0002,
  '0003_places_match': m0003places,
  '0004_incidents': m0004,
  '0005_repeat_warnings': m0005,
  '0006_incident_work': m0006,
  '0007_incident_parties': m0007,
  '0008_escalation_risk': m0008,
  '0009_intake_speed': m0009,
  '0010_incident_timing': m0010,
  '0011_dispute_cases': m0011,
  '0012_intake_fast': m0012,
  '0013_evidence_names': m0013,
  '0014_mass_prevention': m0014,
  '0015_analysis': m0015,
  '0016_stats': m0016,
  '0017_intake_batch': m0017,
  '0018_stats_cover': m0018,
  '0019_intake_set': m0019,
  '0020_repeat_episodes': m0020,
  '0021_intake_answer': m0021,
  '0022_drop_answer_view': m0022,
};
