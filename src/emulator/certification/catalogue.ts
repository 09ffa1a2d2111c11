// The case catalogue: which cases each selected section brings, built for one session (its ids, the
// merchant's currency and test users). The sections' cases live in catalogue-<section>.ts; the
// conduct case is added by the session, since its steps are judged differently.
import { CERTIFICATION_SECTIONS, type SectionId } from '../../shared/certification.js';
import { loyaltyCases } from './catalogue-loyalty.js';
import { onboardingCases } from './catalogue-onboarding.js';
import { paymentRecoveryCases } from './catalogue-payments-recovery.js';
import { paymentCases } from './catalogue-payments.js';
import { preparedCases, preparedRestrictionCases } from './catalogue-prepared.js';
import { refundCases } from './catalogue-refunds.js';
import { restrictionCases } from './catalogue-restrictions.js';
import type { CaseDefinition, CatalogueParams } from './step-model.js';

const casesOf: Readonly<Record<SectionId, (p: CatalogueParams) => readonly CaseDefinition[]>> = {
  onboarding: onboardingCases,
  payments: (p) => [...paymentCases(p), ...paymentRecoveryCases(p)],
  'prepared-payments': preparedCases,
  'payments-with-restrictions': restrictionCases,
  'prepared-payments-with-restrictions': preparedRestrictionCases,
  refunds: refundCases,
  loyalty: loyaltyCases,
};

/** The selection as the service runs it: onboarding always, each section once, in the site's order. */
export function normalizeSections(sections: readonly SectionId[]): readonly SectionId[] {
  const chosen = new Set<SectionId>(['onboarding', ...sections]);
  return CERTIFICATION_SECTIONS.filter((section) => chosen.has(section));
}

/** The test users of the merchant's country (the DK and FI users of test.mdx). */
function usersOf(merchantVat: string): CatalogueParams['users'] {
  return merchantVat.startsWith('FI')
    ? {
        credit: '+358200318001',
        debit: '+358200318002',
        loyalty: '+358200318004',
        noPartialCapture: '+358200318005',
      }
    : {
        credit: '+4520031801',
        debit: '+4520031802',
        loyalty: '+4520031804',
        noPartialCapture: '+4520031805',
      };
}

/** The parameters of one session's catalogue: DKK and the DK users for DK90000028, EUR and the FI ones for FI90000040. */
export function catalogueParams(tag: string, merchantVat: string, pollDelayMs: number): CatalogueParams {
  return {
    tag,
    currencyCode: merchantVat.startsWith('FI') ? 'EUR' : 'DKK',
    users: usersOf(merchantVat),
    pollDelayMs,
  };
}

/** The cases of the selected sections, in section order (without the conduct case). */
export function buildCatalogue(
  sections: readonly SectionId[],
  params: CatalogueParams,
): readonly CaseDefinition[] {
  return normalizeSections(sections).flatMap((section) => casesOf[section](params));
}
