import { SchoolCalendar } from '../../shared/domain/calendar';
import { addDays, fromDay, minutesToTime, monthBounds, mondayOf, toDay, weekdayOf } from '../../shared/domain/dates';
import { AppError } from '../ipc/errors';
import type { Sqlite } from './db';

// A realistic, deterministic caseload: used by "Load the sample caseload" on first run and, at a
// larger size, by the benchmark. Rows go straight in with prepared statements in one transaction.

const FIRST = [
  'Ava',
  'Liam',
  'Mia',
  'Noah',
  'Emma',
  'Mateo',
  'Zoe',
  'Elijah',
  'Aria',
  'Lucas',
  'Chloe',
  'Kai',
  'Isla',
  'Ezra',
  'Nora',
  'Leo',
  'Maya',
  'Omar',
  'Ruby',
  'Jayden',
  'Sofia',
  'Malik',
  'Hana',
  'Diego',
  'Priya',
  'Caleb',
  'Lily',
  'Theo',
  'Amara',
  'Finn',
  'Grace',
  'Rohan',
  'Ivy',
  'Marcus',
  'Elena',
  'Sam',
  'Jade',
  'Wyatt',
  'Leila',
  'Owen',
];
const LAST = [
  'Nguyen',
  'Garcia',
  'Smith',
  'Okafor',
  'Patel',
  'Johnson',
  'Kim',
  'Martinez',
  'Brown',
  'Cohen',
  'Haddad',
  'Williams',
  'Lopez',
  'Singh',
  'Anderson',
  'Rossi',
  'Tanaka',
  'Davis',
  'Hernandez',
  'Murphy',
  'Ali',
  'Walker',
  'Chen',
  'Reyes',
  'Novak',
  'Baker',
  'Ibrahim',
  'Clark',
  'Moreno',
  'Young',
];
const SCHOOLS = [
  'Lincoln Elementary',
  'Maple Grove Elementary',
  'Riverside Middle School',
  'Cedar Park Elementary',
  'Hillcrest Elementary',
  'Oak Valley Middle School',
  'Westbrook Elementary',
  'Summit K-8',
  'Lakeview Elementary',
  'Pine Ridge Elementary',
];
const TEACHERS = [
  'Ms. Alvarez',
  'Mr. Brooks',
  'Mrs. Chen',
  'Ms. Dubois',
  'Mr. Evans',
  'Mrs. Fox',
  'Ms. Gupta',
  'Mr. Hall',
];
const GOALS: { area: string; text: string; criterion: string; baseline: string }[] = [
  {
    area: 'Handwriting',
    text: 'will copy a 3-sentence passage with correct letter formation, sizing and spacing',
    criterion: '80% legibility in 4 of 5 trials',
    baseline: '40% legible letters',
  },
  {
    area: 'Fine motor',
    text: 'will manage classroom fasteners and tools (scissors, glue stick, zipper) independently',
    criterion: '80% accuracy in 4 of 5 trials',
    baseline: '45% with verbal prompts',
  },
  {
    area: 'Visual-motor',
    text: 'will copy grade-level shapes and letters within the lines of a worksheet',
    criterion: '80% accuracy in 4 of 5 trials',
    baseline: '35% accuracy',
  },
  {
    area: 'Sensory regulation',
    text: 'will use a chosen regulation strategy to return to task within 2 minutes',
    criterion: '4 of 5 opportunities',
    baseline: '1 of 5 opportunities',
  },
  {
    area: 'Self-care',
    text: 'will complete the arrival routine (unpack, hang coat, start bell work) without adult help',
    criterion: '90% of steps in 4 of 5 days',
    baseline: '50% of steps',
  },
  {
    area: 'Keyboarding',
    text: 'will type a 5-sentence response using home-row technique',
    criterion: '80% accuracy in 4 of 5 trials',
    baseline: '30% accuracy',
  },
];

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  const first = Date.UTC(year, month - 1, 1) / 86_400_000;
  const offset = (weekday - weekdayOf(first) + 7) % 7;
  if (n > 0) return fromDay(first + offset + 7 * (n - 1));
  const last = monthBounds(first)[1];
  return fromDay(last - ((weekdayOf(last) - weekday + 7) % 7));
}

function nextWeekday(date: string): string {
  let d = toDay(date);
  while (weekdayOf(d) >= 5) d++;
  return fromDay(d);
}

/** A US school year starting in August of `year`, with the usual holidays and breaks. */
export function usSchoolYear(year: number) {
  const y1 = year + 1;
  const thanksgiving = nthWeekday(year, 11, 3, 4);
  const springMonday = nthWeekday(y1, 3, 0, 4);
  return {
    label: `${year}-${String(y1).slice(2)}`,
    firstDay: nextWeekday(`${year}-08-26`),
    lastDay: fromDay(toDay(`${y1}-06-12`) - Math.max(0, weekdayOf(toDay(`${y1}-06-12`)) - 4)),
    closures: [
      { label: 'Labor Day', startDate: nthWeekday(year, 9, 0, 1), endDate: nthWeekday(year, 9, 0, 1) },
      { label: "Indigenous Peoples' Day", startDate: nthWeekday(year, 10, 0, 2), endDate: nthWeekday(year, 10, 0, 2) },
      { label: 'Teacher work day', startDate: nthWeekday(year, 11, 4, 1), endDate: nthWeekday(year, 11, 4, 1) },
      { label: 'Thanksgiving break', startDate: addDays(thanksgiving, -1), endDate: addDays(thanksgiving, 1) },
      { label: 'Winter break', startDate: `${year}-12-21`, endDate: `${y1}-01-01` },
      { label: 'Martin Luther King Jr. Day', startDate: nthWeekday(y1, 1, 0, 3), endDate: nthWeekday(y1, 1, 0, 3) },
      { label: "Presidents' Day", startDate: nthWeekday(y1, 2, 0, 3), endDate: nthWeekday(y1, 2, 0, 3) },
      { label: 'Spring break', startDate: springMonday, endDate: addDays(springMonday, 4) },
      { label: 'Memorial Day', startDate: nthWeekday(y1, 5, 0, -1), endDate: nthWeekday(y1, 5, 0, -1) },
    ],
    periods: [
      {
        label: 'Quarter 1',
        startDate: nextWeekday(`${year}-08-26`),
        endDate: `${year}-10-31`,
        dueDate: `${year}-11-07`,
      },
      { label: 'Quarter 2', startDate: `${year}-11-01`, endDate: `${y1}-01-23`, dueDate: `${y1}-01-30` },
      { label: 'Quarter 3', startDate: `${y1}-01-24`, endDate: `${y1}-03-31`, dueDate: `${y1}-04-07` },
      { label: 'Quarter 4', startDate: `${y1}-04-01`, endDate: `${y1}-06-12`, dueDate: `${y1}-06-19` },
    ],
  };
}

export interface GenerateOptions {
  today: string;
  schools: number;
  students: number;
  /** School years of history, the last one being the year that contains (or follows) today. */
  years: number;
  seed?: number;
}

type LineKind = {
  setting: 'push_in' | 'pull_out' | 'consult';
  grouping: 'individual' | 'group';
  interval: 'week' | 'month' | 'year';
  sessions: number;
  perSession: number;
};
const PROFILES: LineKind[][] = [
  [{ setting: 'pull_out', grouping: 'individual', interval: 'week', sessions: 2, perSession: 30 }],
  [
    { setting: 'push_in', grouping: 'individual', interval: 'week', sessions: 1, perSession: 30 },
    { setting: 'consult', grouping: 'individual', interval: 'month', sessions: 1, perSession: 30 },
  ],
  [
    { setting: 'pull_out', grouping: 'group', interval: 'week', sessions: 1, perSession: 30 },
    { setting: 'push_in', grouping: 'individual', interval: 'week', sessions: 1, perSession: 30 },
  ],
  [{ setting: 'consult', grouping: 'individual', interval: 'month', sessions: 2, perSession: 30 }],
  [
    { setting: 'push_in', grouping: 'individual', interval: 'week', sessions: 1, perSession: 45 },
    { setting: 'pull_out', grouping: 'individual', interval: 'month', sessions: 2, perSession: 30 },
  ],
  [{ setting: 'pull_out', grouping: 'group', interval: 'week', sessions: 1, perSession: 40 }],
];

export interface GenerateResult {
  schools: number;
  students: number;
  sessions: number;
  attendance: number;
}

export function generateCaseload(db: Sqlite, o: GenerateOptions): GenerateResult {
  const rand = rng(o.seed ?? 42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const todayDay = toDay(o.today);
  const t = new Date(todayDay * 86_400_000);
  const currentStart = t.getUTCMonth() >= 6 ? t.getUTCFullYear() : t.getUTCFullYear() - 1;
  const yearList = Array.from({ length: o.years }, (_, i) => usSchoolYear(currentStart - o.years + 1 + i));

  const q = {
    school: db.prepare('INSERT INTO schools (name) VALUES (?)'),
    year: db.prepare('INSERT INTO school_years (school_id, label, first_day, last_day) VALUES (?, ?, ?, ?)'),
    closure: db.prepare('INSERT INTO closures (school_year_id, start_date, end_date, label) VALUES (?, ?, ?, ?)'),
    period: db.prepare(
      'INSERT INTO reporting_periods (school_year_id, label, start_date, end_date, due_date) VALUES (?, ?, ?, ?, ?)',
    ),
    student: db.prepare(`INSERT INTO students (first_name, last_name, date_of_birth, grade, school_id, teacher,
      district_student_id, medicaid_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    plan: db.prepare(`INSERT INTO plans (student_id, kind, start_date, end_date, meeting_date, reeval_due_date,
      last_eval_date, medicaid_consent_expires) VALUES (?, 'IEP', ?, ?, ?, ?, ?, ?)`),
    line: db.prepare(`INSERT INTO service_lines (plan_id, service, provider_role, setting, grouping, max_group_size,
      interval, minutes, sessions_count, minutes_per_session, start_date, end_date)
      VALUES (?, 'Occupational Therapy', 'OTR/L', ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    goal: db.prepare(`INSERT INTO goals (plan_id, area, text, criterion, baseline, measurement, target_value, sort)
      VALUES (?, ?, ?, ?, ?, 'trials', 80, ?)`),
    session: db.prepare(`INSERT INTO sessions (date, start_time, minutes, setting, grouping, note, cpt_code, is_makeup)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    attendance: db.prepare(
      'INSERT INTO attendance (session_id, student_id, code, minutes, date) VALUES (?, ?, ?, ?, ?)',
    ),
    enrollment: db.prepare('INSERT INTO enrollments (student_id, school_id) VALUES (?, ?)'),
    link: db.prepare('INSERT INTO makeup_links (makeup_attendance_id, missed_attendance_id) VALUES (?, ?)'),
    datum: db.prepare(
      'INSERT INTO goal_data (attendance_id, goal_id, correct, total, value, prompt) VALUES (?, ?, ?, 10, NULL, ?)',
    ),
  };

  const result: GenerateResult = { schools: 0, students: 0, sessions: 0, attendance: 0 };
  db.transaction(() => {
    const calendars = new Map<number, SchoolCalendar>();
    const schoolIds: number[] = [];
    for (let s = 0; s < o.schools; s++) {
      const name = SCHOOLS[s] ?? `School ${s + 1}`;
      const sid = Number(q.school.run(name).lastInsertRowid);
      schoolIds.push(sid);
      for (const y of yearList) {
        const yid = Number(q.year.run(sid, y.label, y.firstDay, y.lastDay).lastInsertRowid);
        for (const c of y.closures) q.closure.run(yid, c.startDate, c.endDate, c.label);
        for (const p of y.periods) q.period.run(yid, p.label, p.startDate, p.endDate, p.dueDate);
      }
      calendars.set(sid, new SchoolCalendar(yearList));
      result.schools++;
    }
    const historyStart = toDay(yearList[0]!.firstDay);
    const lastDay = Math.min(todayDay - 1, toDay(yearList[yearList.length - 1]!.lastDay));

    interface Planned {
      studentId: number;
      schoolId: number;
      weekday: number;
      lines: (LineKind & { from: string; to: string })[];
      goals: number[];
    }
    const planned: Planned[] = [];
    for (let i = 0; i < o.students; i++) {
      const schoolId = schoolIds[i % schoolIds.length]!;
      const grade = pick(['K', '1', '2', '3', '4', '5']);
      const birthYear = currentStart - 5 - (grade === 'K' ? 0 : Number(grade));
      const dob = `${birthYear}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
      const studentId = Number(
        q.student.run(
          FIRST[i % FIRST.length]!,
          LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length]!,
          dob,
          grade,
          schoolId,
          pick(TEACHERS),
          `S${String(100000 + i)}`,
          rand() < 0.6 ? `MC${String(7000000 + i * 13)}` : null,
        ).lastInsertRowid,
      );
      q.enrollment.run(studentId, schoolId);
      result.students++;
      const profile = PROFILES[i % PROFILES.length]!;
      // Annual IEPs back to the start of the history, the newest one running past today.
      const anchor = todayDay - 30 - Math.floor(rand() * 300);
      let start = anchor;
      while (start - 365 >= historyStart - 365 && start > historyStart) start -= 365;
      const lines: Planned['lines'] = [];
      const goals: number[] = [];
      let lastEval = fromDay(start - 200);
      for (; start <= lastDay; start += 365) {
        const from = fromDay(start);
        const to = fromDay(start + 364);
        const planId = Number(
          q.plan.run(studentId, from, to, fromDay(start - 7), addDays(lastEval, 365 * 3), lastEval, addDays(to, -60))
            .lastInsertRowid,
        );
        if (toDay(lastEval) + 365 * 3 < start + 365) lastEval = fromDay(start - 14);
        for (const l of profile) {
          const minutes = l.sessions * l.perSession;
          q.line.run(
            planId,
            l.setting,
            l.grouping,
            l.grouping === 'group' ? 4 : null,
            l.interval,
            minutes,
            l.sessions,
            l.perSession,
            from,
            to,
          );
          lines.push({ ...l, from, to });
        }
        if (start + 364 >= todayDay || goals.length === 0) {
          goals.length = 0;
          const g1 = GOALS[i % GOALS.length]!;
          const g2 = GOALS[(i + 2) % GOALS.length]!;
          for (const [k, g] of [g1, g2].entries()) {
            goals.push(
              Number(
                q.goal.run(planId, g.area, `${FIRST[i % FIRST.length]} ${g.text}.`, g.criterion, g.baseline, k + 1)
                  .lastInsertRowid,
              ),
            );
          }
        }
      }
      planned.push({ studentId, schoolId, weekday: i % 5, lines, goals });
    }

    // Sessions: weekly lines meet on the student's weekday (or the next school day that week);
    // group lines meet as groups of up to three classmates; monthly lines on the month's first weeks.
    // One timeline per day across schools: the therapist is never in two sessions at once. A day
    // that is full takes no more sessions.
    const slots = new Map<string, number>();
    const slot = (date: string, minutes: number): string | null => {
      const at = slots.get(date) ?? 7 * 60 + 30;
      if (at + minutes > 22 * 60) return null;
      slots.set(date, at + minutes + 5);
      return minutesToTime(at);
    };
    const codeFor = () => {
      const r = rand();
      if (r < 0.86) return 'present';
      if (r < 0.91) return 'student_absent';
      if (r < 0.95) return 'student_unavailable';
      if (r < 0.98) return 'provider_absent';
      if (r < 0.99) return 'student_refused';
      return 'school_closed';
    };
    const owing: {
      studentId: number;
      schoolId: number;
      attendanceId: number;
      date: string;
      minutes: number;
      setting: string;
    }[] = [];
    const prompts = ['independent', 'verbal', 'visual', 'gestural', 'partial_physical'];
    const addSession = (date: string, schoolId: number, kind: LineKind, members: Planned[], isMakeup = false) => {
      const minutes = kind.perSession;
      const grouping = members.length > 1 ? 'group' : 'individual';
      const at = slot(date, minutes);
      if (at == null) return [];
      const sessionId = Number(
        q.session.run(
          date,
          at,
          minutes,
          kind.setting,
          grouping,
          kind.setting === 'consult' ? 'Met with teacher about classroom strategies.' : null,
          kind.setting === 'consult' ? null : grouping === 'group' ? '97150' : '97530',
          isMakeup ? 1 : 0,
        ).lastInsertRowid,
      );
      result.sessions++;
      const ids: number[] = [];
      for (const m of members) {
        const code = isMakeup ? 'present' : codeFor();
        const attId = Number(q.attendance.run(sessionId, m.studentId, code, minutes, date).lastInsertRowid);
        result.attendance++;
        ids.push(attId);
        if (code === 'student_unavailable' || code === 'provider_absent') {
          owing.push({ studentId: m.studentId, schoolId, attendanceId: attId, date, minutes, setting: kind.setting });
        }
        if (code === 'present' && kind.setting !== 'consult' && m.goals.length) {
          const progress = Math.min(1, (toDay(date) - historyStart) / 600);
          const goal = m.goals[result.attendance % m.goals.length]!;
          const correct = Math.max(0, Math.min(10, Math.round(3 + 5 * progress + (rand() * 3 - 1.5))));
          q.datum.run(attId, goal, correct, pick(prompts));
        }
      }
      return ids;
    };

    for (let monday = mondayOf(historyStart); monday <= lastDay; monday += 7) {
      const groups = new Map<string, Planned[]>();
      for (const p of planned) {
        const cal = calendars.get(p.schoolId)!;
        if (cal.count(monday, monday + 4) === 0) continue;
        const days = cal.instructionalDates(monday, monday + 4);
        if (days.length === 0) continue;
        for (const l of p.lines) {
          if (toDay(l.from) > monday + 4 || toDay(l.to) < monday) continue;
          // Monthly lines meet in the month's first week, and in its third when twice a month.
          const weekOfMonth = Math.floor((monday + 4 - monthBounds(monday + 4)[0]) / 7);
          if (l.interval === 'month' && !(weekOfMonth === 0 || (l.sessions > 1 && weekOfMonth === 2))) continue;
          if (l.interval === 'year') continue;
          const count = l.interval === 'week' ? l.sessions : 1;
          for (let k = 0; k < count; k++) {
            const date = days[Math.min(days.length - 1, (p.weekday + k * 2) % 5)] ?? days[days.length - 1]!;
            if (toDay(date) < toDay(l.from) || toDay(date) > toDay(l.to)) continue;
            if (toDay(date) > lastDay) continue; // not happened yet
            if (l.grouping === 'group') {
              const key = `${p.schoolId}|${date}|${l.setting}|${l.perSession}`;
              const g = groups.get(key) ?? [];
              g.push(p);
              if (g.length === 3) {
                addSession(date, p.schoolId, l, g);
                groups.delete(key);
              } else groups.set(key, g);
            } else addSession(date, p.schoolId, l, [p]);
          }
        }
      }
      for (const [key, g] of groups) {
        const [schoolId, date, setting, per] = key.split('|');
        addSession(
          date!,
          Number(schoolId),
          {
            setting: setting as LineKind['setting'],
            grouping: 'group',
            interval: 'week',
            sessions: 1,
            perSession: Number(per),
          },
          g,
        );
      }
    }
    // Most misses that owe a makeup are made up within a few school days.
    for (const m of owing) {
      if (rand() < 0.35) continue;
      const cal = calendars.get(m.schoolId)!;
      const next = cal.instructionalDates(toDay(m.date) + 1, toDay(m.date) + 10)[1];
      if (!next || toDay(next) > lastDay) continue;
      const member = planned.find((p) => p.studentId === m.studentId)!;
      const [attId] = addSession(
        next,
        m.schoolId,
        {
          setting: m.setting as LineKind['setting'],
          grouping: 'individual',
          interval: 'week',
          sessions: 1,
          perSession: m.minutes,
        },
        [member],
        true,
      );
      if (attId != null) q.link.run(attId, m.attendanceId);
    }
  })();
  return result;
}

export function loadSampleCaseload(db: Sqlite, today: string): GenerateResult {
  const n = db.prepare('SELECT count(*) AS n FROM students').get() as { n: number };
  if (n.n > 0) {
    throw new AppError(
      'conflict',
      'The sample caseload can only be loaded into an empty app; this one already has students.',
    );
  }
  return db.transaction(() => {
    const settings = db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)');
    settings.run('providerName', JSON.stringify('Jordan Rivera'));
    settings.run('district', JSON.stringify('Sample Unified School District'));
    settings.run('npi', JSON.stringify('1234567893'));
    return generateCaseload(db, { today, schools: 3, students: 40, years: 1, seed: 7 });
  })();
}
