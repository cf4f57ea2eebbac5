import type { Setting } from '../domain/codes';
import type { EvaluationCode, UnitRule } from '../domain/medicaid';

export interface Evaluation {
  id: number;
  studentId: number;
  studentName: string;
  date: string;
  startTime: string;
  endTime: string;
  minutes: number;
  cptCode: EvaluationCode;
  note: string | null;
}

/** Evaluation time per Monday–Sunday week, for the workload (non-direct time). */
export interface EvaluationWeek {
  weekStart: string;
  minutes: number;
  evaluations: number;
}

/** One billable service: the CMS school-based minimum and the district's columns. */
export interface MedicaidClaim {
  kind: 'therapy' | 'evaluation';
  studentId: number;
  studentName: string;
  medicaidId: string;
  dateOfBirth: string;
  date: string;
  startTime: string;
  endTime: string;
  minutes: number;
  units: number;
  cptCode: string;
  modifiers: string;
  groupSize: number;
  /** The delivery model, or "evaluation". */
  setting: Setting | 'evaluation';
  placeOfService: string;
  placeOfServiceCode: string;
  providerName: string;
  credentials: string;
  providerNpi: string;
  providerAgency: string;
}

export interface MedicaidLeftOut {
  studentId: number;
  studentName: string;
  date: string;
  startTime: string;
  minutes: number;
  cptCode: string;
  reason: string;
}

export interface MedicaidLog {
  month: string;
  unitRule: UnitRule;
  provider: { name: string; credentials: string; npi: string; agency: string };
  claims: MedicaidClaim[];
  leftOut: MedicaidLeftOut[];
  /** Things to fix or know: group billed one-to-one, NPI missing, … */
  notes: string[];
  /** Students billed although no consent date is on file (records made before consent dates existed). */
  consentNotOnFile: string[];
  totals: { services: number; minutes: number; units: number };
}
