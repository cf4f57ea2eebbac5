import { useRef } from 'react';
import type { Student } from '../../../shared/api/types';
import { useApi, useWrite } from '../api';
import { ErrorMessage, Field, formValues } from '../components/ui';
import { useFormDraft, useRequestClose } from '../drafts';

export function StudentForm({ student, onDone }: { student?: Student; onDone: (id?: number) => void }) {
  const schools = useApi('listSchools');
  const form = useRef<HTMLFormElement>(null);
  const draft = useFormDraft(`student:${student ? student.id : 'new'}`, form);
  const requestClose = useRequestClose();
  const done = (id: number) => {
    draft.discard();
    onDone(id);
  };
  const create = useWrite('createStudent', (s) => done(s.id));
  const update = useWrite('updateStudent', (s) => done(s.id));
  const m = student ? update : create;
  const error = m.error;
  return (
    <form
      ref={form}
      className="grid-form"
      onSubmit={(e) => {
        e.preventDefault();
        const v = formValues(e.currentTarget);
        const input = {
          firstName: v['firstName'] ?? '',
          lastName: v['lastName'] ?? '',
          preferredName: v['preferredName'],
          dateOfBirth: v['dateOfBirth'],
          grade: v['grade'] ?? '',
          schoolId: Number(v['schoolId'] ?? 0),
          teacher: v['teacher'],
          districtStudentId: v['districtStudentId'],
          medicaidId: v['medicaidId'],
          medicaidConsentFrom: v['medicaidConsentFrom'],
          medicaidConsentTo: v['medicaidConsentTo'],
          status: (v['status'] ?? 'active') as 'active' | 'exited',
          ...(student ? {} : { enrolledFrom: v['enrolledFrom'] }),
        };
        if (student) update.mutate({ ...input, id: student.id });
        else create.mutate(input);
      }}
    >
      <Field label="First name" name="firstName" error={error}>
        {(p) => <input {...p} defaultValue={student?.firstName} required />}
      </Field>
      <Field label="Last name" name="lastName" error={error}>
        {(p) => <input {...p} defaultValue={student?.lastName} required />}
      </Field>
      <Field label="Preferred name" name="preferredName" error={error}>
        {(p) => <input {...p} defaultValue={student?.preferredName ?? ''} />}
      </Field>
      <Field label="Date of birth" name="dateOfBirth" error={error}>
        {(p) => <input {...p} type="date" defaultValue={student?.dateOfBirth ?? ''} />}
      </Field>
      <Field
        label="School"
        name="schoolId"
        error={error}
        hint={
          student
            ? 'To correct a mistake only: a move to another school is a Transfer, on the student page.'
            : undefined
        }
      >
        {(p) => (
          <select {...p} defaultValue={student?.schoolId ?? schools.data?.[0]?.id} required>
            {schools.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {!student && (
        <Field
          label="Enrolled from"
          name="enrolledFrom"
          error={error}
          hint="First day at this school on your caseload; leave empty if they were already there."
        >
          {(p) => <input {...p} type="date" />}
        </Field>
      )}
      <Field label="Grade" name="grade" error={error}>
        {(p) => <input {...p} defaultValue={student?.grade ?? ''} placeholder="K, 1, 2…" />}
      </Field>
      <Field label="Teacher / classroom" name="teacher" error={error}>
        {(p) => <input {...p} defaultValue={student?.teacher ?? ''} />}
      </Field>
      <Field label="District student ID" name="districtStudentId" error={error}>
        {(p) => <input {...p} defaultValue={student?.districtStudentId ?? ''} />}
      </Field>
      <Field label="Medicaid ID" name="medicaidId" error={error}>
        {(p) => <input {...p} defaultValue={student?.medicaidId ?? ''} />}
      </Field>
      <Field
        label="Consent to bill Medicaid, signed"
        name="medicaidConsentFrom"
        error={error}
        hint="Services before this date are not billed"
      >
        {(p) => <input {...p} type="date" defaultValue={student?.medicaidConsentFrom ?? ''} />}
      </Field>
      <Field
        label="Consent to bill ended"
        name="medicaidConsentTo"
        error={error}
        hint="Withdrawn or expired; empty while in effect"
      >
        {(p) => <input {...p} type="date" defaultValue={student?.medicaidConsentTo ?? ''} />}
      </Field>
      <Field label="Status" name="status" error={error}>
        {(p) => (
          <select {...p} defaultValue={student?.status ?? 'active'}>
            <option value="active">Active</option>
            <option value="exited">Exited</option>
          </select>
        )}
      </Field>
      {schools.data?.length === 0 && <p className="error">Add a school under Schools &amp; calendars first.</p>}
      <div className="span-all">
        <ErrorMessage error={error} />
        <div className="actions">
          <button type="button" onClick={requestClose ?? (() => onDone())}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={m.isPending}>
            {student ? 'Save student' : 'Add student'}
          </button>
        </div>
      </div>
    </form>
  );
}
