import type { MedicaidClaim, MedicaidLeftOut, MedicaidLog } from '../../../shared/api/types-medicaid';
import type { Setting } from '../../../shared/domain/codes';
import { daysInMonth, minutesToTime, timeToMinutes } from '../../../shared/domain/dates';
import {
  CPT_GROUP,
  CPT_ONE_TO_ONE,
  PLACE_OF_SERVICE_SCHOOL,
  billingUnits,
  consentOn,
} from '../../../shared/domain/medicaid';
import type { Sqlite } from '../db';
import { getSettings } from './settings';

/** Everything a service needs to be billed or left out, therapy and evaluations alike. */
interface Service {
  kind: 'therapy' | 'evaluation';
  studentId: number;
  studentName: string;
  lastName: string;
  medicaidId: string | null;
  dateOfBirth: string;
  consentFrom: string | null;
  consentTo: string | null;
  renewBy: string | null;
  school: string;
  date: string;
  startTime: string;
  minutes: number;
  sessionMinutes: number;
  cptCode: string | null;
  setting: Setting | 'evaluation';
  groupSize: number;
}

const STUDENT = `st.id AS studentId, st.first_name || ' ' || st.last_name AS studentName, st.last_name AS lastName,
  st.medicaid_id AS medicaidId, coalesce(st.date_of_birth, '') AS dateOfBirth,
  st.medicaid_consent_from AS consentFrom, st.medicaid_consent_to AS consentTo, sc.name AS school`;
const RENEW_BY = (date: string) => `(SELECT p.medicaid_consent_expires FROM plans p WHERE p.student_id = st.id
  AND ${date} BETWEEN p.start_date AND p.end_date ORDER BY p.start_date DESC LIMIT 1) AS renewBy`;

function services(db: Sqlite, from: string, to: string): Service[] {
  const therapy = db
    .prepare(
      `SELECT 'therapy' AS kind, ${STUDENT}, ${RENEW_BY('a.date')}, s.date, s.start_time AS startTime, a.minutes,
        s.minutes AS sessionMinutes, s.cpt_code AS cptCode, s.setting,
        coalesce(s.group_size, (SELECT count(*) FROM attendance x WHERE x.session_id = s.id AND x.code = 'present')) AS groupSize
       FROM attendance a JOIN sessions s ON s.id = a.session_id JOIN students st ON st.id = a.student_id
       JOIN schools sc ON sc.id = st.school_id
       WHERE a.date BETWEEN ? AND ? AND a.code = 'present' AND s.setting <> 'consult'`,
    )
    .all(from, to) as Service[];
  const evaluations = db
    .prepare(
      `SELECT 'evaluation' AS kind, ${STUDENT}, ${RENEW_BY('e.date')}, e.date, e.start_time AS startTime, e.minutes,
        e.minutes AS sessionMinutes, e.cpt_code AS cptCode, 'evaluation' AS setting, 1 AS groupSize
       FROM evaluations e JOIN students st ON st.id = e.student_id JOIN schools sc ON sc.id = st.school_id
       WHERE e.date BETWEEN ? AND ?`,
    )
    .all(from, to) as Service[];
  return [...therapy, ...evaluations].sort(
    (a, b) =>
      a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime) || a.lastName.localeCompare(b.lastName),
  );
}

/**
 * The month's Medicaid log: attended direct therapy (consult is not billed) and evaluations, for
 * students with a Medicaid ID, inside the parent's consent to bill, with units by the district's rule.
 * Group billing (97150) needs 2+ present, otherwise the service bills one-to-one (97530). What is left
 * out is listed with the reason.
 */
export function medicaidClaims(db: Sqlite, month: string): MedicaidLog {
  const settings = getSettings(db);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = `${month}-01`;
  const to = `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
  const rule = settings.medicaidUnits;
  const provider = {
    name: settings.providerName,
    credentials: settings.credentials,
    npi: settings.npi,
    agency: settings.district,
  };
  const claims: MedicaidClaim[] = [];
  const leftOut: MedicaidLeftOut[] = [];
  const notes: string[] = [];
  const notOnFile = new Set<string>();
  let noId = 0;
  for (const r of services(db, from, to)) {
    let cpt = r.cptCode ?? (r.groupSize >= 2 ? CPT_GROUP : CPT_ONE_TO_ONE);
    const out = (reason: string) =>
      leftOut.push({
        studentId: r.studentId,
        studentName: r.studentName,
        date: r.date,
        startTime: r.startTime,
        minutes: r.minutes,
        cptCode: cpt,
        reason,
      });
    if (!r.medicaidId) {
      noId++;
      out('no Medicaid ID');
      continue;
    }
    const consent = consentOn({ from: r.consentFrom, to: r.consentTo, renewBy: r.renewBy }, r.date);
    if (!consent.billable) {
      out(consent.reason);
      continue;
    }
    if (cpt === CPT_GROUP && r.groupSize < 2) {
      cpt = CPT_ONE_TO_ONE;
      notes.push(`${r.date} ${r.startTime}: only one student present, billed one-to-one (97530) instead of group.`);
    }
    const units = billingUnits(r.minutes, rule);
    if (units === 0) {
      out(`${r.minutes} minutes is less than one unit (15-minute units need 8 minutes or more)`);
      continue;
    }
    if (!consent.onFile) notOnFile.add(r.studentName);
    claims.push({
      kind: r.kind,
      studentId: r.studentId,
      studentName: r.studentName,
      medicaidId: r.medicaidId,
      dateOfBirth: r.dateOfBirth,
      date: r.date,
      startTime: r.startTime,
      endTime: minutesToTime(timeToMinutes(r.startTime) + r.sessionMinutes),
      minutes: r.minutes,
      units,
      cptCode: cpt,
      // GO: services delivered under an outpatient occupational therapy plan of care.
      modifiers: 'GO',
      groupSize: r.groupSize,
      setting: r.setting,
      placeOfService: r.school,
      placeOfServiceCode: PLACE_OF_SERVICE_SCHOOL,
      providerName: settings.providerName,
      credentials: settings.credentials,
      providerNpi: settings.npi,
      providerAgency: settings.district,
    });
  }
  if (noId) notes.push(`${noId} attended session(s) left out: the student has no Medicaid ID.`);
  if (!settings.npi) notes.push('Your NPI is not set (Settings); the NPI column is empty.');
  return {
    month,
    unitRule: rule,
    provider,
    claims,
    leftOut,
    notes,
    consentNotOnFile: [...notOnFile].sort(),
    totals: {
      services: claims.length,
      minutes: claims.reduce((n, c) => n + c.minutes, 0),
      units: claims.reduce((n, c) => n + c.units, 0),
    },
  };
}
