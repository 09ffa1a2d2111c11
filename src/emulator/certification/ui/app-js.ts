// Assembles the certification page's script (app.js) from its parts, wrapped in one function scope,
// with the section list and merchant configuration taken from the shared contract, so the page and
// the service can never disagree on section ids or the certification merchant.
import {
  CERTIFICATION_CONTROL_PREFIX,
  CERTIFICATION_MERCHANT,
  CERTIFICATION_SECTIONS,
  SECTION_TITLES,
  type SectionId,
} from '../../../shared/certification.js';
import { APPROVAL_SCRIPT } from './script-approval.js';
import { CASES_SCRIPT } from './script-cases.js';
import { CORE_SCRIPT } from './script-core.js';
import { FORMS_SCRIPT } from './script-forms.js';

/** The selection cards' descriptions, in the words of the old site. */
const SECTION_BLURBS: Readonly<Record<SectionId, string>> = {
  onboarding: 'Test cases to certify onboarding and offboarding of a PoS.',
  payments: 'Test cases to certify handling of the payment flows.',
  'prepared-payments': 'Test cases to certify handling of prepared payment flows.',
  'payments-with-restrictions': 'Test cases to certify handling of payment flows with restrictions.',
  'prepared-payments-with-restrictions':
    'Test cases to certify handling of prepared payment flows with restrictions.',
  refunds: 'Test cases to certify handling of refunds.',
  loyalty: 'Test cases to certify reading loyalty ids (from the older guide; optional).',
};

/** What the script needs to know from the contract, as plain JSON. */
const CONFIG = {
  prefix: CERTIFICATION_CONTROL_PREFIX,
  mandatory: 'onboarding' satisfies SectionId,
  sections: CERTIFICATION_SECTIONS.map((id) => ({
    id,
    title: SECTION_TITLES[id],
    blurb: SECTION_BLURBS[id],
  })),
  merchant: CERTIFICATION_MERCHANT,
  merchantVats: [
    { vat: CERTIFICATION_MERCHANT.vatDk, label: `${CERTIFICATION_MERCHANT.vatDk} (Denmark)` },
    { vat: CERTIFICATION_MERCHANT.vatFi, label: `${CERTIFICATION_MERCHANT.vatFi} (Finland)` },
  ],
};

/** GET /certification/assets/app.js: plain browser JS, no modules, no build step. */
export const APP_JS = [
  '// The pos-sim self-certification page. Served by the emulator; see src/emulator/certification/ui/.',
  '(function () {',
  "'use strict';",
  `var CONFIG = ${JSON.stringify(CONFIG)};`,
  CORE_SCRIPT,
  FORMS_SCRIPT,
  CASES_SCRIPT,
  APPROVAL_SCRIPT,
  '})();',
  '',
].join('\n');
