// Numbered, append-only migrations. Never edit one that has shipped: add the next.
// Each runs in its own transaction and sets user_version to its number.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'caseload foundation: schools, calendars, students, plans, service lines, goals, sessions',
    sql: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE schools (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  notes TEXT
) STRICT;

CREATE TABLE school_years (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  first_day TEXT NOT NULL,
  last_day TEXT NOT NULL,
  CHECK (last_day >= first_day),
  UNIQUE (school_id, label)
) STRICT;

CREATE TABLE closures (
  id INTEGER PRIMARY KEY,
  school_year_id INTEGER NOT NULL REFERENCES school_years(id) ON DELETE CASCADE,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  label TEXT NOT NULL,
  CHECK (end_date >= start_date)
) STRICT;
CREATE INDEX closures_year ON closures(school_year_id);

CREATE TABLE reporting_periods (
  id INTEGER PRIMARY KEY,
  school_year_id INTEGER NOT NULL REFERENCES school_years(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  due_date TEXT NOT NULL,
  CHECK (end_date >= start_date)
) STRICT;
CREATE INDEX reporting_periods_year ON reporting_periods(school_year_id);

CREATE TABLE students (
  id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  preferred_name TEXT,
  date_of_birth TEXT,
  grade TEXT NOT NULL DEFAULT '',
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE RESTRICT,
  teacher TEXT,
  district_student_id TEXT,
  medicaid_id TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'exited'))
) STRICT;
CREATE INDEX students_school ON students(school_id);

CREATE TABLE plans (
  id INTEGER PRIMARY KEY,
  student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('IEP', '504')),
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  meeting_date TEXT,
  reeval_due_date TEXT,
  last_eval_date TEXT,
  medicaid_consent_expires TEXT,
  CHECK (end_date >= start_date)
) STRICT;
CREATE INDEX plans_student ON plans(student_id);

CREATE TABLE service_lines (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  service TEXT NOT NULL,
  provider_role TEXT NOT NULL DEFAULT '',
  setting TEXT NOT NULL CHECK (setting IN ('push_in', 'pull_out', 'consult')),
  grouping TEXT NOT NULL CHECK (grouping IN ('individual', 'group')),
  max_group_size INTEGER,
  interval TEXT NOT NULL CHECK (interval IN ('week', 'month', 'year')),
  minutes INTEGER NOT NULL CHECK (minutes > 0),
  sessions_count INTEGER,
  minutes_per_session INTEGER,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  replaces_line_id INTEGER REFERENCES service_lines(id) ON DELETE SET NULL,
  CHECK (end_date >= start_date)
) STRICT;
CREATE INDEX service_lines_plan ON service_lines(plan_id);

CREATE TABLE goals (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  area TEXT NOT NULL,
  text TEXT NOT NULL,
  criterion TEXT,
  baseline TEXT,
  measurement TEXT NOT NULL CHECK (measurement IN ('trials', 'percent', 'count', 'duration', 'rubric')),
  target_value REAL,
  sort INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX goals_plan ON goals(plan_id);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  date TEXT NOT NULL,
  start_time TEXT NOT NULL,
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
  setting TEXT NOT NULL CHECK (setting IN ('push_in', 'pull_out', 'consult')),
  grouping TEXT NOT NULL CHECK (grouping IN ('individual', 'group', 'whole_class')),
  note TEXT,
  cpt_code TEXT,
  is_makeup INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX sessions_date ON sessions(date);

CREATE TABLE attendance (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  code TEXT NOT NULL CHECK (code IN ('present', 'student_absent', 'student_unavailable',
    'student_refused', 'provider_absent', 'school_closed')),
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
  -- denormalised from the session so the minutes engine reads one table with one index
  date TEXT NOT NULL,
  UNIQUE (session_id, student_id)
) STRICT;
CREATE INDEX attendance_student_date ON attendance(student_id, date);
CREATE INDEX attendance_date ON attendance(date);

CREATE TABLE makeup_links (
  makeup_attendance_id INTEGER NOT NULL REFERENCES attendance(id) ON DELETE CASCADE,
  missed_attendance_id INTEGER NOT NULL REFERENCES attendance(id) ON DELETE CASCADE,
  PRIMARY KEY (makeup_attendance_id, missed_attendance_id)
) STRICT;
CREATE INDEX makeup_links_missed ON makeup_links(missed_attendance_id);

CREATE TABLE goal_data (
  id INTEGER PRIMARY KEY,
  attendance_id INTEGER NOT NULL REFERENCES attendance(id) ON DELETE CASCADE,
  goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
  correct INTEGER,
  total INTEGER,
  value REAL,
  prompt TEXT,
  note TEXT
) STRICT;
CREATE INDEX goal_data_goal ON goal_data(goal_id);
CREATE INDEX goal_data_attendance ON goal_data(attendance_id);
`,
  },
  {
    version: 2,
    name: 'IEP progress reports, versioned; a finalised version is immutable',
    sql: `
CREATE TABLE progress_reports (
  id INTEGER PRIMARY KEY,
  student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  period_id INTEGER NOT NULL REFERENCES reporting_periods(id) ON DELETE RESTRICT,
  version INTEGER NOT NULL CHECK (version >= 1),
  status TEXT NOT NULL CHECK (status IN ('draft', 'final')),
  -- JSON: { "goals": [{ "goalId": 1, "code": "...", "narrative": "..." }] }
  content TEXT NOT NULL,
  -- JSON: everything the finalised report shows, frozen at finalisation
  snapshot TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  finalized_at TEXT,
  UNIQUE (student_id, period_id, version)
) STRICT;
CREATE INDEX progress_reports_period ON progress_reports(period_id);
CREATE TRIGGER progress_reports_final_is_immutable BEFORE UPDATE ON progress_reports
WHEN OLD.status = 'final'
BEGIN
  SELECT RAISE(ABORT, 'A finalised progress report cannot be changed; make a correction instead');
END;
`,
  },
  {
    version: 3,
    name: 'append-only audit trail of finalisations, prints, exports, deletions and restores',
    sql: `
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  -- not a foreign key: the trail outlives the records it mentions
  student_id INTEGER,
  subject TEXT,
  detail TEXT
) STRICT;
CREATE INDEX audit_log_at ON audit_log(at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'The audit trail is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'The audit trail is append-only');
END;
`,
  },
  {
    version: 4,
    name: 'indexes for the caseload view: misses by date, attendance by session and code',
    sql: `
CREATE INDEX attendance_date_code ON attendance(date, code);
CREATE INDEX attendance_session_code ON attendance(session_id, code);
`,
  },
  {
    version: 5,
    name: "the therapist's schedule: school rotations and colours, travel between schools, slots and their students, occurrences logged as sessions",
    sql: `
CREATE TABLE school_schedules (
  school_id INTEGER PRIMARY KEY REFERENCES schools(id) ON DELETE CASCADE,
  colour TEXT NOT NULL DEFAULT '#2f6db5',
  day_start TEXT NOT NULL DEFAULT '08:00',
  day_end TEXT NOT NULL DEFAULT '15:00',
  -- JSON array of the rotation's day names in order (["A","B"]); NULL: no rotation
  rotation_names TEXT,
  rotation_day1 TEXT,
  CHECK (day_end > day_start),
  CHECK ((rotation_names IS NULL) = (rotation_day1 IS NULL))
) STRICT;

CREATE TABLE travel_times (
  school_a INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  school_b INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 240),
  miles REAL CHECK (miles IS NULL OR miles >= 0),
  PRIMARY KEY (school_a, school_b),
  CHECK (school_a < school_b)
) STRICT;

CREATE TABLE slots (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  label TEXT,
  start_time TEXT NOT NULL,
  end_time TEXT NOT NULL,
  setting TEXT NOT NULL CHECK (setting IN ('push_in', 'pull_out', 'consult')),
  grouping TEXT NOT NULL CHECK (grouping IN ('individual', 'group')),
  start_date TEXT NOT NULL,
  end_date TEXT,
  recurrence TEXT NOT NULL CHECK (recurrence IN ('weekdays', 'rotation', 'once')),
  -- comma-separated: weekdays 0 (Mon) to 4 (Fri), or rotation day indexes from 0
  days TEXT NOT NULL DEFAULT '',
  makeup_for INTEGER REFERENCES attendance(id) ON DELETE SET NULL,
  replaces_slot_id INTEGER REFERENCES slots(id) ON DELETE SET NULL,
  CHECK (end_time > start_time),
  CHECK (end_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX slots_school ON slots(school_id);

CREATE TABLE slot_students (
  id INTEGER PRIMARY KEY,
  slot_id INTEGER NOT NULL REFERENCES slots(id) ON DELETE CASCADE,
  student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  start_date TEXT NOT NULL,
  end_date TEXT,
  CHECK (end_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX slot_students_slot ON slot_students(slot_id);
CREATE INDEX slot_students_student ON slot_students(student_id);

-- A logged or cancelled occurrence is a session; this keeps its link to the slot and date.
CREATE TABLE occurrence_sessions (
  session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  slot_id INTEGER NOT NULL REFERENCES slots(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  UNIQUE (slot_id, date)
) STRICT;
CREATE INDEX occurrence_sessions_date ON occurrence_sessions(date);
`,
  },
  {
    version: 6,
    name: "Medicaid: the parent's consent to bill as dates on the student; evaluations (CPT 97165-97168)",
    sql: `
-- consent to bill: signed on from, in effect until to (NULL: not ended)
ALTER TABLE students ADD COLUMN medicaid_consent_from TEXT;
ALTER TABLE students ADD COLUMN medicaid_consent_to TEXT;

CREATE TABLE evaluations (
  id INTEGER PRIMARY KEY,
  student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  start_time TEXT NOT NULL,
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
  cpt_code TEXT NOT NULL CHECK (cpt_code IN ('97165', '97166', '97167', '97168')),
  note TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX evaluations_student_date ON evaluations(student_id, date);
CREATE INDEX evaluations_date ON evaluations(date);
`,
  },
  {
    version: 7,
    name: 'enrollment history, per-student session notes, non-school-day sessions',
    // Every existing student gets one open enrollment at their current school with no start date
    // (it runs from before any record), so their calendar and figures stay exactly as they were.
    // Notes: nothing is moved. The old session note stays as the session's shared activity note;
    // a student's records show it only when it names no other student of the session (see
    // shared/domain/notes.ts), and "Check my records" lists group sessions whose note names one.
    // Copying a group's note into each student's own note would copy the leak; moving it only for
    // individual sessions would change nothing a reader sees, so the data is left as it was.
    sql: `
CREATE TABLE enrollments (
  id INTEGER PRIMARY KEY,
  student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE RESTRICT,
  -- NULL: enrolled from before any record (students who existed before enrollments were kept)
  start_date TEXT,
  -- last day enrolled, inclusive; NULL while open
  end_date TEXT,
  end_kind TEXT CHECK (end_kind IN ('transfer', 'exit')),
  end_reason TEXT,
  CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
  CHECK ((end_date IS NULL) = (end_kind IS NULL))
) STRICT;
CREATE INDEX enrollments_student ON enrollments(student_id);
CREATE INDEX enrollments_school ON enrollments(school_id);
INSERT INTO enrollments (student_id, school_id) SELECT id, school_id FROM students;

ALTER TABLE attendance ADD COLUMN note TEXT;
ALTER TABLE sessions ADD COLUMN non_school_reason TEXT;
`,
  },
  {
    version: 8,
    name: 'progress report drafts can be marked reviewed (ready to finalise)',
    // NULL: not reviewed. Set by "Mark as reviewed"; cleared when the draft's words or codes change;
    // "Finalise all reviewed" finalises the drafts that carry it. Finalised rows keep theirs.
    sql: `
ALTER TABLE progress_reports ADD COLUMN reviewed_at TEXT;
`,
  },
  {
    version: 9,
    name: 'a session brought in with a student file keeps the size of its group',
    sql: `
-- NULL: the group is the session's students here (the usual case). A session imported from another
-- caseload's student file holds only that student; its group's size is kept here.
ALTER TABLE sessions ADD COLUMN group_size INTEGER CHECK (group_size IS NULL OR group_size BETWEEN 0 AND 40);
`,
  },
  {
    version: 10,
    name: "the therapist's non-student blocks (evaluations, IEP meetings, documentation, lunch, other)",
    // The distance between two schools (travel_times.miles) came with migration 5; the mileage log
    // reads it, so no column is added here.
    sql: `
CREATE TABLE work_blocks (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('evaluation', 'iep_meeting', 'documentation', 'lunch', 'other')),
  -- NULL: at no school (documentation at home, a district meeting); travel is not counted around it
  school_id INTEGER REFERENCES schools(id) ON DELETE SET NULL,
  start_time TEXT NOT NULL,
  end_time TEXT NOT NULL,
  recurrence TEXT NOT NULL CHECK (recurrence IN ('once', 'weekdays')),
  -- a one-off block: its date in both; a weekly one: its first and (NULL: open) last date
  start_date TEXT NOT NULL,
  end_date TEXT,
  -- comma-separated weekdays 0 (Mon) to 4 (Fri); empty for a one-off block
  days TEXT NOT NULL DEFAULT '',
  note TEXT,
  replaces_block_id INTEGER REFERENCES work_blocks(id) ON DELETE SET NULL,
  CHECK (end_time > start_time),
  CHECK (end_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX work_blocks_dates ON work_blocks(start_date, end_date);
`,
  },
];

export const LATEST_VERSION = migrations[migrations.length - 1]!.version;
