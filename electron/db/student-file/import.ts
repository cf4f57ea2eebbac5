import { StudentInput } from '../../../shared/api/schemas';
import type { StudentFileImport, StudentFileSummary } from '../../../shared/api/types-student-file';
import { fromZod } from '../../ipc/errors';
import { AppError } from '../../ipc/errors';
import type { Sqlite } from '../db';
import { minutesToTime, timeToMinutes } from '../../../shared/domain/dates';
import { enrollmentOn, sortEnrollments } from '../../../shared/domain/enrollment';
import { loadEnrollments } from '../queries/enrollment';
import { listPlans } from '../queries/plans';
import { listSchoolYears } from '../queries/schools';
import type { StudentFile } from './format';

class Rollback extends Error {
  constructor(readonly summary: StudentFileImport) {
    super('preview');
  }
}

const range = (a: string, b: string) => (a === b ? a : `${a} to ${b}`);

/**
 * Adds a student file to this caseload, in one transaction: the student is new, or the one already here
 * with the same district student ID. Nothing here is changed or deleted: what is already here (the same
 * IEP, line, goal, session or report) is kept and the file's copy skipped; what would clash (an IEP
 * overlapping another, a calendar that differs) is skipped with the reason. `preview` runs the very same
 * steps and rolls them back, so the preview says exactly what the import will do.
 */
export function applyStudentFile(
  db: Sqlite,
  f: StudentFile,
  opts: { file: string; now: string; preview: boolean },
): StudentFileImport {
  try {
    return db.transaction(() => {
      const summary = apply(db, f, opts.file);
      if (opts.preview) throw new Rollback(summary);
      const { added, skipped } = summary;
      db.prepare('INSERT INTO audit_log (at, action, student_id, subject, detail) VALUES (?, ?, ?, ?, ?)').run(
        opts.now,
        'imported student file',
        summary.studentId,
        summary.student.name,
        `from ${f.from.provider || 'another therapist'}${f.from.district ? ` (${f.from.district})` : ''}, exported ${
          f.exportedAt
        }: added ${added.plans} IEP(s), ${added.sessions} session(s), ${added.evaluations} evaluation(s), ${added.reports} report(s); skipped ${skipped.length}; ${opts.file}`,
      );
      return summary;
    })();
  } catch (e) {
    if (e instanceof Rollback) return e.summary;
    throw e;
  }
}

function apply(db: Sqlite, f: StudentFile, file: string): StudentFileImport {
  const added = {
    schools: 0,
    schoolYears: 0,
    plans: 0,
    lines: 0,
    goals: 0,
    sessions: 0,
    goalData: 0,
    makeups: 0,
    evaluations: 0,
    reports: 0,
  };
  const details: string[] = [];
  const skipped: StudentFileSummary['skipped'] = [];

  // Schools and their calendars: found by name, or created; a school year the school lacks is added.
  const periodIds = new Map<number, number>();
  const schoolIds = new Map<string, number>();
  for (const sc of f.schools) {
    let schoolId = (
      db.prepare('SELECT id FROM schools WHERE name = ? COLLATE NOCASE').get(sc.name) as { id: number } | undefined
    )?.id;
    if (schoolId == null) {
      schoolId = Number(db.prepare('INSERT INTO schools (name) VALUES (?)').run(sc.name).lastInsertRowid);
      added.schools++;
      details.push(`New school ${sc.name}`);
    }
    schoolIds.set(sc.name.toLowerCase(), schoolId);
    const here = listSchoolYears(db, schoolId);
    for (const y of sc.years) {
      const same = here.find((h) => h.label === y.label && h.firstDay === y.firstDay && h.lastDay === y.lastDay);
      const periods = same?.periods ?? [];
      if (!same) {
        if (here.some((h) => h.firstDay <= y.lastDay && h.lastDay >= y.firstDay)) {
          skipped.push({
            what: `${sc.name} calendar ${y.label}`,
            reason: `${sc.name} already has its own calendar for these dates; it is kept as it is`,
          });
          continue;
        }
        // The calendar exactly as the record was counted on (as "copy a calendar" copies it).
        const bad = [y, ...y.closures.map((c) => ({ firstDay: c.startDate, lastDay: c.endDate }))].find(
          (c) => c.lastDay < c.firstDay,
        );
        if (bad || y.periods.some((p) => p.endDate < p.startDate)) {
          throw new AppError(
            'invalid',
            `This student file cannot be imported: the ${y.label} calendar of ${sc.name} has dates that end before they start. Nothing was imported.`,
          );
        }
        const yearId = Number(
          db
            .prepare('INSERT INTO school_years (school_id, label, first_day, last_day) VALUES (?, ?, ?, ?)')
            .run(schoolId, y.label, y.firstDay, y.lastDay).lastInsertRowid,
        );
        const addClosure = db.prepare(
          'INSERT INTO closures (school_year_id, start_date, end_date, label) VALUES (?, ?, ?, ?)',
        );
        for (const c of y.closures) addClosure.run(yearId, c.startDate, c.endDate, c.label);
        const addPeriod = db.prepare(
          'INSERT INTO reporting_periods (school_year_id, label, start_date, end_date, due_date) VALUES (?, ?, ?, ?, ?)',
        );
        for (const p of y.periods) {
          const r = addPeriod.run(yearId, p.label, p.startDate, p.endDate, p.dueDate);
          periods.push({
            id: Number(r.lastInsertRowid),
            label: p.label,
            startDate: p.startDate,
            endDate: p.endDate,
            dueDate: p.dueDate,
          });
        }
        added.schoolYears++;
        details.push(
          `School year ${y.label} at ${sc.name} (${range(y.firstDay, y.lastDay)}) with its holidays and reporting periods`,
        );
      }
      for (const p of y.periods) {
        const match = periods.find((q) => q.startDate === p.startDate && q.endDate === p.endDate);
        if (match) periodIds.set(p.key, match.id);
      }
    }
  }

  // The student: the one here with the same district student ID, or a new one. Never changed.
  const s = f.student;
  const districtId = s.districtStudentId?.trim() || null;
  const existing = districtId
    ? (db
        .prepare(
          `SELECT id, coalesce(preferred_name, first_name) || ' ' || last_name AS name FROM students
           WHERE district_student_id = ? ORDER BY id LIMIT 1`,
        )
        .get(districtId) as { id: number; name: string } | undefined)
    : undefined;
  const name = `${s.preferredName || s.firstName} ${s.lastName}`;
  let studentId: number;
  if (existing) {
    studentId = existing.id;
  } else {
    const input = StudentInput.safeParse({ ...s, schoolId: schoolIds.get(f.schoolName.toLowerCase()) ?? 0 });
    if (!input.success)
      throw new AppError('invalid', `This student file cannot be imported: ${fromZod(input.error).message}.`);
    const v = input.data;
    studentId = Number(
      db
        .prepare(
          `INSERT INTO students (first_name, last_name, preferred_name, date_of_birth, grade, school_id, teacher,
            district_student_id, medicaid_id, status, medicaid_consent_from, medicaid_consent_to)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          v.firstName,
          v.lastName,
          v.preferredName,
          v.dateOfBirth ?? null,
          v.grade,
          v.schoolId,
          v.teacher,
          v.districtStudentId,
          v.medicaidId,
          v.status,
          v.medicaidConsentFrom ?? null,
          v.medicaidConsentTo ?? null,
        ).lastInsertRowid,
    );
    details.push(`New student ${name} at ${f.schoolName}`);
    // The enrollment history as the sending caseload kept it, so that owed minutes follow the same schools
    // and dates; a file without one enrolls the student at their school from before any record.
    const history = (
      f.enrollments.length
        ? f.enrollments
        : [{ schoolName: f.schoolName, startDate: null, endDate: null, endKind: null, endReason: null }]
    ).map((e) => ({ ...e, schoolId: schoolIds.get(e.schoolName.toLowerCase()) ?? 0 }));
    const enrol = db.prepare(
      'INSERT INTO enrollments (student_id, school_id, start_date, end_date, end_kind, end_reason) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const sorted = sortEnrollments(history);
    sorted.forEach((e, i) => {
      const schoolId = e.schoolId;
      const next = sorted[i + 1];
      const wrong =
        schoolId === 0
          ? `an enrollment at ${e.schoolName}, a school the file does not hold`
          : e.startDate != null && e.endDate != null && e.endDate < e.startDate
            ? `an enrollment at ${e.schoolName} that ends before it starts`
            : (e.endDate == null) !== (e.endKind == null)
              ? `an enrollment at ${e.schoolName} without its end`
              : next && (e.endDate == null || next.startDate == null || next.startDate <= e.endDate)
                ? `enrollments at ${e.schoolName} and ${next.schoolName} that overlap`
                : null;
      if (wrong) {
        throw new AppError('invalid', `This student file cannot be imported: it has ${wrong}. Nothing was imported.`);
      }
      enrol.run(studentId, schoolId, e.startDate, e.endDate, e.endKind, e.endReason);
    });
    const last = sorted[sorted.length - 1]!;
    details.push(
      sorted.length === 1 && last.startDate == null && last.endDate == null
        ? `Enrolled at ${last.schoolName}`
        : `Enrollment history: ${sorted
            .map(
              (e) =>
                `${e.schoolName} ${e.startDate ?? '…'} to ${e.endDate ?? 'now'}${e.endKind === 'exit' ? ' (exited)' : ''}`,
            )
            .join('; ')}`,
    );
  }
  const enrollmentsHere = loadEnrollments(db, studentId).get(studentId) ?? [];

  // IEPs, lines and goals: the same IEP (kind and dates) is completed with what it lacks.
  const lineIds = new Map<number, number>();
  const goalIds = new Map<number, number>();
  const plansHere = listPlans(db, studentId);
  const insertLine = db.prepare(
    `INSERT INTO service_lines (plan_id, service, provider_role, setting, grouping, max_group_size, interval, minutes,
      sessions_count, minutes_per_session, start_date, end_date, replaces_line_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertGoal = db.prepare(
    `INSERT INTO goals (plan_id, area, text, criterion, baseline, measurement, target_value, sort)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const p of f.plans) {
    const label = `${p.kind} ${range(p.startDate, p.endDate)}`;
    const same = plansHere.find((h) => h.kind === p.kind && h.startDate === p.startDate && h.endDate === p.endDate);
    let planId: number;
    if (same) {
      planId = same.id;
    } else {
      const clash = plansHere.find((h) => h.startDate <= p.endDate && h.endDate >= p.startDate);
      if (clash || p.endDate < p.startDate) {
        skipped.push({
          what: `${label}, its service lines and goals`,
          reason: clash
            ? `it overlaps the ${clash.kind} of ${range(clash.startDate, clash.endDate)} already here`
            : 'its dates are the wrong way round',
        });
        continue;
      }
      planId = Number(
        db
          .prepare(
            `INSERT INTO plans (student_id, kind, start_date, end_date, meeting_date, reeval_due_date, last_eval_date,
              medicaid_consent_expires) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            studentId,
            p.kind,
            p.startDate,
            p.endDate,
            p.meetingDate,
            p.reevalDueDate,
            p.lastEvalDate,
            p.medicaidConsentExpires,
          ).lastInsertRowid,
      );
      added.plans++;
    }
    let lines = 0;
    let goals = 0;
    for (const l of p.lines) {
      const match = same?.lines.find(
        (h) =>
          h.setting === l.setting &&
          h.grouping === l.grouping &&
          h.interval === l.interval &&
          h.minutes === l.minutes &&
          h.startDate === l.startDate &&
          h.endDate === l.endDate,
      );
      if (match) {
        lineIds.set(l.key, match.id);
        continue;
      }
      if (l.startDate < p.startDate || l.endDate > p.endDate || l.endDate < l.startDate) {
        skipped.push({
          what: `a ${l.setting.replace('_', '-')} line of ${label}`,
          reason: 'its dates fall outside the IEP',
        });
        continue;
      }
      const r = insertLine.run(
        planId,
        l.service,
        l.providerRole,
        l.setting,
        l.grouping,
        l.maxGroupSize,
        l.interval,
        l.minutes,
        l.sessionsCount,
        l.minutesPerSession,
        l.startDate,
        l.endDate,
        l.replaces == null ? null : (lineIds.get(l.replaces) ?? null),
      );
      lineIds.set(l.key, Number(r.lastInsertRowid));
      lines++;
    }
    for (const g of p.goals) {
      const match = same?.goals.find((h) => h.area === g.area && h.text === g.text);
      if (match) {
        goalIds.set(g.key, match.id);
        continue;
      }
      const r = insertGoal.run(planId, g.area, g.text, g.criterion, g.baseline, g.measurement, g.targetValue, g.sort);
      goalIds.set(g.key, Number(r.lastInsertRowid));
      goals++;
    }
    added.lines += lines;
    added.goals += goals;
    if (!same) details.push(`${label} with ${lines} service line(s) and ${goals} goal(s)`);
    else if (lines || goals)
      details.push(`${lines} service line(s) and ${goals} goal(s) added to the ${label} already here`);
  }

  // Sessions: this student's attendance, goal data and makeups, imported as the history they are (the
  // sending caseload accepted them). One already logged here (same date, start time and setting) is kept
  // and the file's copy skipped; one that overlaps another session or evaluation of this therapist is
  // skipped (nobody is in two places at once), and so is one on a date the student is not enrolled here.
  const attendanceIds = new Map<number, number>();
  const dupOf = db.prepare(
    `SELECT a.id FROM attendance a JOIN sessions s ON s.id = a.session_id
     WHERE a.student_id = ? AND s.date = ? AND s.start_time = ? AND s.setting = ?`,
  );
  const busy = db.prepare(
    `SELECT 'session' AS what, start_time AS startTime, minutes FROM sessions WHERE date = ?
     UNION ALL SELECT 'evaluation', start_time, minutes FROM evaluations WHERE date = ?`,
  );
  const clashOn = (date: string, startTime: string, length: number) => {
    const start = timeToMinutes(startTime);
    return (busy.all(date, date) as { what: string; startTime: string; minutes: number }[]).find((o) => {
      const os = timeToMinutes(o.startTime);
      return os < start + length && start < os + o.minutes;
    });
  };
  const clashReason = (o: { what: string; startTime: string; minutes: number }) =>
    `it overlaps your ${o.what} of ${o.startTime}–${minutesToTime(timeToMinutes(o.startTime) + o.minutes)} that day; you cannot be in two places at once`;
  const insertSession = db.prepare(
    `INSERT INTO sessions (date, start_time, minutes, setting, grouping, note, cpt_code, is_makeup, group_size,
      non_school_reason) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
  );
  const insertAttendance = db.prepare(
    'INSERT INTO attendance (session_id, student_id, code, minutes, date, note) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertDatum = db.prepare(
    'INSERT INTO goal_data (attendance_id, goal_id, correct, total, value, prompt, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  let already = 0;
  let orphanData = 0;
  const notEnrolled: string[] = [];
  const dates: string[] = [];
  const what = (x: { date: string; startTime: string; minutes: number; setting: string }) =>
    `the ${x.setting.replace('_', '-')} session of ${x.date} at ${x.startTime} (${x.minutes} min)`;
  for (const x of f.sessions) {
    const dup = dupOf.get(studentId, x.date, x.startTime, x.setting) as { id: number } | undefined;
    if (dup) {
      attendanceIds.set(x.key, dup.id);
      already++;
      continue;
    }
    const state = enrollmentOn(enrollmentsHere, x.date).state;
    if (state !== 'enrolled' && state !== 'none') {
      notEnrolled.push(x.date);
      continue;
    }
    const clash = clashOn(x.date, x.startTime, x.minutes);
    if (clash) {
      skipped.push({ what: what(x), reason: clashReason(clash) });
      continue;
    }
    // The group keeps its size, though its other students are not part of this caseload.
    const alone = x.code === 'present' ? 1 : 0;
    const sessionId = Number(
      insertSession.run(
        x.date,
        x.startTime,
        x.minutes,
        x.setting,
        x.grouping,
        x.cptCode,
        x.isMakeup ? 1 : 0,
        x.groupSize === alone ? null : x.groupSize,
        x.nonSchoolDayReason,
      ).lastInsertRowid,
    );
    // The note is the student's own: it goes where this caseload keeps a student's own note.
    const att = Number(
      insertAttendance.run(sessionId, studentId, x.code, x.creditedMinutes, x.date, x.note).lastInsertRowid,
    );
    attendanceIds.set(x.key, att);
    added.sessions++;
    dates.push(x.date);
    for (const d of x.goalData) {
      const goal = goalIds.get(d.goal);
      if (goal == null) {
        orphanData++;
        continue;
      }
      insertDatum.run(att, goal, d.correct, d.total, d.value, d.prompt, d.note);
      added.goalData++;
    }
  }
  if (added.sessions) {
    details.push(
      `${added.sessions} session(s) from ${dates[0]} to ${dates[dates.length - 1]}, with ${added.goalData} goal data point(s)`,
    );
  }
  if (already)
    skipped.push({ what: `${already} session(s)`, reason: 'already logged here (same date, time and setting)' });
  if (notEnrolled.length) {
    skipped.push({
      what: `${notEnrolled.length} session(s) from ${notEnrolled[0]} to ${notEnrolled[notEnrolled.length - 1]}`,
      reason: `${name} is not enrolled here on those dates (see the enrollment on the student page)`,
    });
  }
  if (orphanData) skipped.push({ what: `${orphanData} goal data point(s)`, reason: 'their goals were not imported' });
  const link = db.prepare(
    'INSERT OR IGNORE INTO makeup_links (makeup_attendance_id, missed_attendance_id) VALUES (?, ?)',
  );
  let unlinked = 0;
  for (const x of f.sessions) {
    const makeup = attendanceIds.get(x.key);
    if (makeup == null) continue;
    for (const m of x.makeupFor) {
      const missed = attendanceIds.get(m);
      if (missed == null) {
        unlinked++;
        continue;
      }
      if (makeup === missed) continue;
      added.makeups += link.run(makeup, missed).changes;
    }
  }
  if (added.makeups) details.push(`${added.makeups} makeup link(s)`);
  if (unlinked) skipped.push({ what: `${unlinked} makeup link(s)`, reason: 'the missed session was not imported' });

  // Evaluations: the same one here (date, time and code) is kept; one overlapping the therapist's time here
  // is skipped like a session.
  const evalHere = db.prepare(
    'SELECT 1 FROM evaluations WHERE student_id = ? AND date = ? AND start_time = ? AND cpt_code = ?',
  );
  const insertEval = db.prepare(
    'INSERT INTO evaluations (student_id, date, start_time, minutes, cpt_code, note) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const e of f.evaluations) {
    if (evalHere.get(studentId, e.date, e.startTime, e.cptCode)) continue;
    const clash = clashOn(e.date, e.startTime, e.minutes);
    if (clash) {
      skipped.push({
        what: `the evaluation of ${e.date} at ${e.startTime} (${e.cptCode})`,
        reason: clashReason(clash),
      });
      continue;
    }
    insertEval.run(studentId, e.date, e.startTime, e.minutes, e.cptCode, e.note);
    added.evaluations++;
  }
  if (added.evaluations) details.push(`${added.evaluations} evaluation(s)`);

  // Finalised reports, as they were finalised; the ids inside them are this caseload's.
  for (const r of f.reports) {
    const periodId = periodIds.get(r.period);
    const periodLabel = f.schools.flatMap((sc) => sc.years.flatMap((y) => y.periods)).find((p) => p.key === r.period);
    const what = `${periodLabel?.label ?? 'a'} progress report${r.version > 1 ? ` v${r.version}` : ''}`;
    if (periodId == null) {
      skipped.push({ what, reason: 'this caseload has no reporting period with the same dates at that school' });
      continue;
    }
    const versions = db
      .prepare('SELECT version, finalized_at AS f FROM progress_reports WHERE student_id = ? AND period_id = ?')
      .all(studentId, periodId) as { version: number; f: string | null }[];
    if (versions.some((v) => v.f === r.finalizedAt)) {
      skipped.push({ what, reason: 'already here' });
      continue;
    }
    const version = Math.max(0, ...versions.map((v) => v.version)) + 1;
    db.prepare(
      `INSERT INTO progress_reports (student_id, period_id, version, status, content, snapshot, created_at, finalized_at)
       VALUES (?, ?, ?, 'final', ?, ?, ?, ?)`,
    ).run(
      studentId,
      periodId,
      version,
      remap(r.content, studentId, periodId, goalIds),
      remap(r.snapshot, studentId, periodId, goalIds),
      r.createdAt,
      r.finalizedAt,
    );
    added.reports++;
    details.push(`${periodLabel?.label ?? 'Progress'} report, final${version > 1 ? ` (version ${version} here)` : ''}`);
  }

  return {
    studentId,
    file,
    from: { ...f.from, exportedAt: f.exportedAt },
    student: { name, districtStudentId: districtId, schoolName: f.schoolName, matched: existing ?? null },
    added,
    details,
    skipped,
  };
}

/** A report's stored JSON names the student, period and goals by id: give them this caseload's ids. */
function remap(json: string, studentId: number, periodId: number, goalIds: Map<number, number>): string {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    throw new AppError('invalid', 'This student file cannot be imported: a report in it is damaged.');
  }
  if (!doc || typeof doc !== 'object') return json;
  const d = doc as { student?: { id?: number }; period?: { id?: number }; goals?: { goalId?: number }[] };
  if (d.student && typeof d.student === 'object') d.student.id = studentId;
  if (d.period && typeof d.period === 'object') d.period.id = periodId;
  if (Array.isArray(d.goals)) {
    for (const g of d.goals) if (g && typeof g.goalId === 'number') g.goalId = goalIds.get(g.goalId) ?? g.goalId;
  }
  return JSON.stringify(d);
}
