// Everyday pieces (issue 11): the caseload's makeups list and search; spread into the one handler table.
import type { Output, Parsed } from '../../../shared/api/contract';
import * as everyday from '../../db/queries/everyday';
import type { HandlerContext } from '../handlers';

export const EVERYDAY_CHANNELS = ['listCaseloadMakeups', 'search'] as const;
type EverydayChannel = (typeof EVERYDAY_CHANNELS)[number];

export const everydayHandlers = {
  listCaseloadMakeups: (i, { db }) => everyday.listCaseloadMakeups(db, i),
  search: (i, { db }) => everyday.search(db, i),
} satisfies { [K in EverydayChannel]: (input: Parsed<K>, ctx: HandlerContext) => Output<K> };
