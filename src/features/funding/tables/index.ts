import type { TableStore } from '../../../platform/storage/table-store';
import type { FundingRepositories } from '../domain/repositories';
import { TableApplicationRepository } from './applications';
import { TableFundingCallRepository } from './calls';
import { FUNDING_TABLES } from './names';

export { FUNDING_TABLES };

/** The funding repositories on a store whose tables exist (see {@link FUNDING_TABLES}). */
export function fundingRepositories(store: TableStore): FundingRepositories {
  return { fundingCalls: new TableFundingCallRepository(store), applications: new TableApplicationRepository(store) };
}
