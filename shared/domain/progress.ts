import { type Measurement, PROMPT_LABELS, type PromptLevel } from './codes';
import { toDay } from './dates';

export interface DataPoint {
  date: string;
  correct: number | null;
  total: number | null;
  value: number | null;
  prompt: PromptLevel | null;
}

export interface GoalForSummary {
  measurement: Measurement;
  targetValue: number | null;
  criterion: string | null;
}

export type Trend = 'rising' | 'flat' | 'falling' | 'not_enough_data';

export interface GoalPeriodSummary {
  points: number;
  first: number | null;
  latest: number | null;
  mean: number | null;
  /** Least-squares change in level per week over the period's data points. */
  slopePerWeek: number | null;
  trend: Trend;
  /**
   * The least-squares line itself, from the first to the last data date, so a chart draws the very
   * trend the label and the narrative name; null when there is no trend (see TREND_RULE).
   */
  fit: { fromDate: string; fromLevel: number; toDate: string; toLevel: number } | null;
  target: number | null;
  meetsTarget: boolean | null;
  latestPrompt: PromptLevel | null;
  firstDate: string | null;
  lastDate: string | null;
}

/** A data point's level on the goal's scale: trials and percentages as percent, others as given. */
export function levelOf(d: DataPoint, measurement: Measurement): number | null {
  if (measurement === 'trials') {
    if (d.correct == null || d.total == null || d.total <= 0) return null;
    return (100 * d.correct) / d.total;
  }
  return d.value;
}

/**
 * TREND_RULE, the one definition of a goal's trend used by the report's label, its narrative draft
 * and its chart: the least-squares slope of level against date (in weeks) over the period's data
 * points. It needs at least 3 points on at least 2 dates ("not enough data" otherwise). Rising when
 * the slope is at least FLAT_BAND points a week on the goal's scale (percentage points for trials and
 * percentages), falling when at most −FLAT_BAND, flat in between.
 */
export const FLAT_BAND = 1;

export function summariseGoal(goal: GoalForSummary, data: DataPoint[]): GoalPeriodSummary {
  const pts = data
    .map((d) => ({ d, level: levelOf(d, goal.measurement) }))
    .filter((p): p is { d: DataPoint; level: number } => p.level != null)
    .sort((a, b) => a.d.date.localeCompare(b.d.date));
  const target = goal.targetValue;
  if (pts.length === 0) {
    return {
      points: 0,
      first: null,
      latest: null,
      mean: null,
      slopePerWeek: null,
      trend: 'not_enough_data',
      fit: null,
      target,
      meetsTarget: null,
      latestPrompt: null,
      firstDate: null,
      lastDate: null,
    };
  }
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  const mean = pts.reduce((n, p) => n + p.level, 0) / pts.length;
  let slopePerWeek: number | null = null;
  let trend: Trend = 'not_enough_data';
  let fit: GoalPeriodSummary['fit'] = null;
  const x0 = toDay(first.d.date);
  const xs = pts.map((p) => (toDay(p.d.date) - x0) / 7);
  const xMean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sxx = xs.reduce((n, x) => n + (x - xMean) ** 2, 0);
  if (pts.length >= 3 && sxx > 0) {
    const sxy = xs.reduce((n, x, i) => n + (x - xMean) * (pts[i]!.level - mean), 0);
    slopePerWeek = sxy / sxx;
    trend = slopePerWeek >= FLAT_BAND ? 'rising' : slopePerWeek <= -FLAT_BAND ? 'falling' : 'flat';
    const at = (x: number) => mean + slopePerWeek! * (x - xMean);
    fit = { fromDate: first.d.date, fromLevel: at(0), toDate: last.d.date, toLevel: at(xs[xs.length - 1]!) };
  }
  return {
    points: pts.length,
    first: first.level,
    latest: last.level,
    mean,
    slopePerWeek,
    trend,
    fit,
    target,
    meetsTarget: target == null ? null : last.level >= target,
    latestPrompt: last.d.prompt,
    firstDate: first.d.date,
    lastDate: last.d.date,
  };
}

/** The default progress codes' meanings, in the order of DEFAULT_PROGRESS_CODES. */
export const PROGRESS_MEANINGS = ['met', 'sufficient', 'some', 'none', 'not_introduced'] as const;
export type ProgressMeaning = (typeof PROGRESS_MEANINGS)[number];

/**
 * A suggested code; the therapist confirms or changes it. "Sufficient" when the trend, carried to
 * the IEP's end, reaches the target; "some" when rising but not that fast.
 */
export function suggestProgress(
  s: GoalPeriodSummary,
  periodEnd: string,
  iepEnd: string,
  everHadData: boolean,
): ProgressMeaning {
  if (s.points === 0) return everHadData ? 'none' : 'not_introduced';
  if (s.target != null && s.latest != null && s.latest >= s.target && (s.mean ?? 0) >= s.target * 0.9) return 'met';
  if (s.slopePerWeek == null || s.trend === 'not_enough_data')
    return s.target != null && (s.latest ?? 0) >= s.target ? 'met' : 'some';
  if (s.trend !== 'rising') return 'none';
  if (s.target == null) return 'sufficient';
  const weeksLeft = Math.max(0, (toDay(iepEnd) - toDay(periodEnd)) / 7);
  const projected = (s.latest ?? 0) + s.slopePerWeek * weeksLeft;
  return projected >= s.target ? 'sufficient' : 'some';
}

const fmt = (n: number, m: Measurement) =>
  m === 'trials' || m === 'percent' ? `${Math.round(n)}%` : `${Math.round(n * 10) / 10}`;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const shortDate = (iso: string) => `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(8, 10))}`;
const MEASURE_NOUN: Record<Measurement, string> = {
  trials: 'accuracy',
  percent: 'performance',
  count: 'the count',
  duration: 'the duration',
  rubric: 'the rubric level',
};

/** A deterministic first draft of the narrative, from the period's numbers only. */
export function draftNarrative(
  name: string,
  goal: GoalForSummary,
  s: GoalPeriodSummary,
  period: { startDate: string; endDate: string },
): string {
  if (s.points === 0) {
    return `No data was recorded for this goal from ${shortDate(period.startDate)} to ${shortDate(period.endDate)}.`;
  }
  const m = goal.measurement;
  const noun = MEASURE_NOUN[m];
  const span =
    s.points === 1
      ? `In 1 session on ${shortDate(s.firstDate!)}`
      : `Across ${s.points} sessions from ${shortDate(s.firstDate!)} to ${shortDate(s.lastDate!)}`;
  const f = fmt(s.first!, m);
  const l = fmt(s.latest!, m);
  const perWeek = s.slopePerWeek == null ? '' : `${Math.round(Math.abs(s.slopePerWeek) * 10) / 10}`;
  // The words follow the trend (TREND_RULE), never first-vs-latest alone, so the narrative and the
  // label cannot disagree.
  let change: string;
  if (s.points === 1) change = `${noun} was ${f}`;
  else if (s.trend === 'not_enough_data') change = `${noun} was ${f} and then ${l}, too few sessions to show a trend`;
  else if (s.trend === 'rising')
    change =
      s.latest! > s.first!
        ? `${noun} rose from ${f} to ${l}`
        : `${noun} trended upward by about ${perWeek} a week (first ${f}, latest ${l})`;
  else if (s.trend === 'falling')
    change =
      s.latest! < s.first!
        ? `${noun} fell from ${f} to ${l}`
        : `${noun} trended downward by about ${perWeek} a week (first ${f}, latest ${l})`;
  else change = f === l ? `${noun} held at ${l}` : `${noun} stayed about level (first ${f}, latest ${l})`;
  const prompt = s.latestPrompt ? ` with ${PROMPT_LABELS[s.latestPrompt].toLowerCase()} prompts` : '';
  const goalPart =
    s.target != null ? `; the goal is ${fmt(s.target, m)}` : goal.criterion ? `; the goal is ${goal.criterion}` : '';
  const met = s.meetsTarget ? ` ${name} met the target level in the latest session.` : '';
  return `${span}, ${change}${prompt}${goalPart}.${met}`;
}
