import { Offer } from '../../platform/feature';
import type { FundingFiguresSource } from './domain/model';

/**
 * Funding figures per project for the strategy report and the fact sheet: applications with their status and amounts.
 * The feature that keeps funding applications provides it, best from storage alone (`offer` in its definition, so the
 * command line's `report` has the figures too):
 *
 * ```ts
 * offer({ store, offers }) { offers.provide(FUNDING_FIGURES, new MyFundingFigures(store)); }
 * ```
 *
 * Several providers are merged; with none, reports and fact sheets say nothing about funding.
 */
export const FUNDING_FIGURES = new Offer<FundingFiguresSource>('reports.fundingFigures');
