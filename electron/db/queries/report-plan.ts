/**
 * The same choice as planFor, in SQL, for a student `st` and a period (parameters: end, start, end):
 * the plan in effect at the period's end, else the latest overlapping one. The reports list
 * counts this plan's goals, so the count is the number of goals on the report.
 */
export const REPORT_PLAN_SQL = `SELECT p.id FROM plans p WHERE p.student_id = st.id AND p.start_date <= ? AND p.end_date >= ?
  ORDER BY (p.end_date >= ?) DESC, p.start_date DESC LIMIT 1`;
