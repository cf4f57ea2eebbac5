/** Every service line in effect during a range, with its student (bind the range's end, then its start). */
export const LINES_SQL = `SELECT p.student_id AS studentId, l.id, l.setting, l.interval, l.minutes,
  l.start_date AS startDate, l.end_date AS endDate
  FROM service_lines l JOIN plans p ON p.id = l.plan_id
  WHERE l.start_date <= ? AND l.end_date >= ?`;
