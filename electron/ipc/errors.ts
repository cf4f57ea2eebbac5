import type { z } from 'zod';
import type { ApiError } from '../../shared/api/types';

/** An error a therapist can act on; crosses IPC as data. */
export class AppError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: number, field?: string) =>
  new AppError('not_found', `${what} #${id} does not exist (it may have been deleted).`, field);

export const invalid = (field: string, message: string) =>
  new AppError('invalid', `${fieldLabel(field)}: ${message}`, field);

/** "students.0.minutes" -> "Student 1 minutes"; "endDate" -> "End date". */
export function fieldLabel(path: string): string {
  if (!path) return 'Input';
  const words = path
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part))
    .map((part) => part.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())
    .map((part) => (part.endsWith('s') && part !== 'minutes' && part !== 'status' ? part.slice(0, -1) : part))
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function fromZod(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  let message = issue?.message ?? 'is not valid';
  if (issue?.code === 'unrecognized_keys') {
    message = `unexpected field ${issue.keys.join(', ')}`;
  } else if (issue?.code === 'invalid_type' && /received undefined/.test(message)) {
    message = 'is required';
  }
  return { code: 'invalid', message: `${fieldLabel(field)}: ${message}`, field: field || undefined };
}
