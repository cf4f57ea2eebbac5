// docs/domain.md "Notes belong to one student": each student in a session has their own note; a
// session may carry a shared note about the activity that names no student. A student's records
// show only their own note, and the shared note only when it names no other student of the session.

export interface NamedStudent {
  id: number;
  firstName: string;
  lastName: string;
  preferredName?: string | null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wordPattern = (n: string, flags: string) =>
  new RegExp(`(^|[^\\p{L}\\p{N}])${escape(n)}(?=$|[^\\p{L}\\p{N}])`, flags);

/** The names a note could use for a student: first, last and preferred name (two letters or more). */
function namesOf(st: NamedStudent): string[] {
  return [st.firstName, st.lastName, st.preferredName ?? '']
    .flatMap((n) => n.split(/[\s-]+/))
    .map((n) => n.trim())
    .filter((n) => n.length >= 2);
}

/**
 * The students a note names, by whole word, ignoring case. Errs on the side of privacy: "Grace"
 * matches "with grace" too, which only ever hides a note or asks for a second look.
 */
export function studentsNamed(note: string | null | undefined, students: readonly NamedStudent[]): NamedStudent[] {
  if (!note) return [];
  return students.filter((st) => namesOf(st).some((n) => wordPattern(n, 'iu').test(note)));
}

/** Replaces the names of the given students by "another student" (a safety net for older data). */
export function redactNames(note: string, students: readonly NamedStudent[]): string {
  let out = note;
  for (const n of students.flatMap(namesOf).sort((a, b) => b.length - a.length)) {
    out = out.replace(wordPattern(n, 'giu'), '$1another student');
  }
  return out;
}

/**
 * What one student's record shows for a session: their own note, and the shared activity note when
 * it names no other student of the session. Two notes are joined with " — ".
 */
export function noteForStudent(
  studentId: number,
  ownNote: string | null | undefined,
  sharedNote: string | null | undefined,
  sessionStudents: readonly NamedStudent[],
): string {
  const others = sessionStudents.filter((s) => s.id !== studentId);
  const shared = sharedNote && studentsNamed(sharedNote, others).length === 0 ? sharedNote : null;
  const own = ownNote ? redactNames(ownNote, others) : null;
  return [shared, own].filter((x): x is string => !!x && x.trim() !== '').join(' — ');
}
