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

/** Every write refreshes every read: the data is local and small, and stale minutes would mislead. */
export function useWrite<K extends ChannelName>(name: K, onSuccess?: (value: Output<K>) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Input<K>) => call(name, input),
    onSuccess: async (value) => {
      await invalidateAll(qc);
      onSuccess?.(value);
    },
  });
}

export function invalidateAll(qc: QueryClient) {
  return qc.invalidateQueries();
}

export function errorOf(e: unknown): ApiError | null {
  if (!e) return null;
  if (e instanceof ApiFailure) return e.error;
  return { code: 'internal', message: 'Something went wrong. Nothing was changed; try again.' };
}
