import { useMemo } from 'react';
import type { StudentRow } from '../../../../shared/api/types';
import { Field } from '../../components/ui';
import { studentName } from '../../format';

/**
 * A student, chosen as the school first, then the student there: two short native selects (each
 * with typeahead) instead of one of the whole caseload, whose 500 options cost the screen more
 * than everything else it draws.
 */
export function StudentChooser({
  students,
  value,
  onChange,
}: {
  students: readonly StudentRow[];
  value: number | undefined;
  onChange: (studentId: number) => void;
}) {
  const chosen = students.find((s) => s.id === value);
  const schools = useMemo(() => {
    const seen = new Map<number, string>();
    for (const s of students) if (!seen.has(s.schoolId)) seen.set(s.schoolId, s.schoolName);
    return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  }, [students]);
  const schoolId = chosen?.schoolId;
  const here = useMemo(() => students.filter((s) => s.schoolId === schoolId), [students, schoolId]);
  return (
    <>
      {schools.length > 1 && (
        <Field label="School" name="schoolId">
          {(p) => (
            <select
              {...p}
              value={schoolId ?? ''}
              onChange={(e) => {
                const first = students.find((s) => s.schoolId === Number(e.target.value));
                if (first) onChange(first.id);
              }}
            >
              {schools.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label="Student" name="studentId">
        {(p) => (
          <select {...p} value={value ?? ''} onChange={(e) => onChange(Number(e.target.value))}>
            {here.map((s) => (
              <option key={s.id} value={s.id}>
                {studentName(s)} · {s.schoolName}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
