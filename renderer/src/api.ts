import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaseloadApi, ChannelName, Input, Output } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/types';

declare global {
  interface Window {
    caseload: CaseloadApi;
    caseloadShell?: { onMenuCommand(cb: (command: string) => void): () => void };
  }
}

export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiFailure';
  }
}

export async function call<K extends ChannelName>(name: K, input?: Input<K>): Promise<Output<K>> {
  const fn = window.caseload[name] as (i?: Input<K>) => ReturnType<CaseloadApi[K]>;
  const result = await fn(input);
  if (!result.ok) throw new ApiFailure(result.error);
  return result.value as Output<K>;
}

export function useApi<K extends ChannelName>(name: K, input?: Input<K>, enabled = true) {
  return useQuery({ queryKey: [name, input ?? null], queryFn: () => call(name, input), enabled });
}

/**
 * A write confirms as soon as it is stored, and refreshes only the reads it can change: the screen
 * on view refetches, and cached screens that are not on view are dropped, so that they are read
 * afresh when next shown instead of showing old figures first.
 */
export function useWrite<K extends ChannelName>(name: K, onSuccess?: (value: Output<K>) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Input<K>) => call(name, input),
    onSuccess: (value) => {
      void invalidateAfter(qc, name);
      onSuccess?.(value);
    },
  });
}

/** Reads that a write of each domain cannot change. Any read not listed is refreshed (new ones too). */
const READS_OF_SETUP = [
  'listSchools',
  'listSchoolYears',
  'listReportingPeriods',
  'getSettings',
  'getAppState',
  'getStartupNotice',
  'listBackups',
];
const READS_OF_PLANS = [...READS_OF_SETUP, 'listStudents', 'getStudent', 'listDeadlines'];
const UNTOUCHED: Partial<Record<ChannelName, readonly string[]>> = {};
for (const w of ['createSession', 'updateSession', 'deleteSession'] as const) UNTOUCHED[w] = READS_OF_PLANS;
for (const w of [
  'saveProgressReport',
  'finaliseProgressReport',
  'correctProgressReport',
  'markProgressReportReviewed',
  'finaliseReviewedReports',
] as const)
  UNTOUCHED[w] = [
    ...READS_OF_PLANS,
    'caseloadCompliance',
    'studentOverview',
    'listSessions',
    'getSession',
    'listOpenMisses',
    'getGoalData',
    'getServiceLog',
  ];
UNTOUCHED['backupNow'] = [...READS_OF_PLANS.filter((r) => r !== 'listBackups'), 'caseloadCompliance'];

export function invalidateAfter(qc: QueryClient, write: ChannelName) {
  const untouched = UNTOUCHED[write] ?? [];
  const touched = (key: readonly unknown[]) => !untouched.includes(key[0] as string);
  qc.removeQueries({ type: 'inactive', predicate: (q) => touched(q.queryKey) });
  return qc.invalidateQueries({ type: 'active', predicate: (q) => touched(q.queryKey) });
}

export function invalidateAll(qc: QueryClient) {
  return qc.invalidateQueries();
}

export function errorOf(e: unknown): ApiError | null {
  if (!e) return null;
  if (e instanceof ApiFailure) return e.error;
  return { code: 'internal', message: 'Something went wrong. Nothing was changed; try again.' };
}
