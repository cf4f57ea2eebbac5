// What a Medicaid log bills: units by the district's rule, the place of service, consent to bill,
// and the evaluation codes. The CMS school-based services guide (2023) sets the minimum per service.

/** How minutes become billing units (a setting; the district decides). */
export const UNIT_RULES = ['fifteen_minute', 'per_session', 'minutes'] as const;
export type UnitRule = (typeof UNIT_RULES)[number];
export const UNIT_RULE_LABELS: Record<UnitRule, string> = {
  fifteen_minute: '15-minute units, 8-minute rule (8–22 min = 1, 23–37 = 2, …)',
  per_session: 'One unit per session',
  minutes: 'Minutes (one unit per minute)',
};
/** The same choices, short enough for a select on a 1024 px screen. */
export const UNIT_RULE_CHOICES: Record<UnitRule, string> = {
  fifteen_minute: '15-min (8-min rule)',
  per_session: 'One unit per session',
  minutes: 'Minutes',
};
export const DEFAULT_UNIT_RULE: UnitRule = 'fifteen_minute';

/**
 * Units for one service of `minutes`: with 15-minute units and the 8-minute rule, ⌊m/15⌋ plus one when
 * the remainder is 8 or more (7 → 0, 8 → 1, 22 → 1, 23 → 2, 37 → 2, 38 → 3); one per session; or the
 * minutes themselves.
 */
export function billingUnits(minutes: number, rule: UnitRule): number {
  if (!Number.isInteger(minutes) || minutes < 0) throw new RangeError(`minutes must be a whole number ≥ 0: ${minutes}`);
  if (rule === 'per_session') return minutes > 0 ? 1 : 0;
  if (rule === 'minutes') return minutes;
  return Math.floor(minutes / 15) + (minutes % 15 >= 8 ? 1 : 0);
}

/** CMS place-of-service code for a school. */
export const PLACE_OF_SERVICE_SCHOOL = '03';

export const EVALUATION_CODES = ['97165', '97166', '97167', '97168'] as const;
export type EvaluationCode = (typeof EVALUATION_CODES)[number];
export const EVALUATION_LABELS: Record<EvaluationCode, string> = {
  '97165': 'OT evaluation, low complexity',
  '97166': 'OT evaluation, moderate complexity',
  '97167': 'OT evaluation, high complexity',
  '97168': 'OT re-evaluation',
};

/** Therapy codes: one-to-one therapeutic activities, and the group code (2+ present). */
export const CPT_ONE_TO_ONE = '97530';
export const CPT_GROUP = '97150';

/** The re-evaluation is due 3 years after the last evaluation (the same calendar date). */
export function reevaluationDue(lastEvaluation: string): string {
  const [y, m, d] = lastEvaluation.split('-').map(Number) as [number, number, number];
  // 29 February + 3 years is 28 February (the year after is never a leap year).
  const day = m === 2 && d === 29 ? 28 : d;
  return `${y + 3}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The parent's consent to bill Medicaid, as dates: given on `from` (signed), in effect until `to`
 * (withdrawn, or the consent's end; null = still in effect). A plan's consent renewal date, when set,
 * ends it too. Nothing recorded at all means the app was never told (older records): the service is
 * billed as before and the log says consent is not on file.
 */
export interface Consent {
  from: string | null;
  to: string | null;
  /** The renewal date on the IEP in effect on the service date, if any. */
  renewBy?: string | null;
}

export type ConsentCheck = { billable: true; onFile: boolean } | { billable: false; reason: string };

export function consentOn(consent: Consent, date: string): ConsentCheck {
  const { from, to, renewBy } = consent;
  if (from && date < from) return { billable: false, reason: `before the parent's consent to bill (signed ${from})` };
  if (to && date > to) return { billable: false, reason: `after the parent's consent to bill ended (${to})` };
  if (renewBy && date > renewBy) {
    return { billable: false, reason: `after the consent to bill was due for renewal (${renewBy})` };
  }
  return { billable: true, onFile: !!from };
}
