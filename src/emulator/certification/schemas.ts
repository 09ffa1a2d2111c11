// What the certification API accepts: the identification and selection steps (POST /sessions), checked
// with zod so a tester's mistake is a 400 naming the field, never a session that cannot work.
import { z } from 'zod';
import {
  CERTIFICATION_MERCHANT,
  CERTIFICATION_SECTIONS,
  type StartSessionRequest,
} from '../../shared/certification.js';
import { CLIENT_VERSION_PATTERN, isValidText } from '../../shared/pos-v10/formats.js';

const httpUrl = z
  .string()
  .refine(
    (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
    'expected an http(s) URL',
  );

/** The identification step: who is certified, as which merchant, and where its callback is. */
export const identificationSchema = z
  .object({
    clientSystemName: z
      .string()
      .refine((value) => isValidText(value, 100), 'expected 1 to 100 valid characters'),
    clientId: z.string().trim().min(1, 'the client id (x-ibm-client-id) is required').max(200),
    clientSystemVersion: z.string().regex(CLIENT_VERSION_PATTERN, 'expected Major.Minor.Build, e.g. 1.4.2'),
    merchantVat: z.enum([CERTIFICATION_MERCHANT.vatDk, CERTIFICATION_MERCHANT.vatFi], {
      error: `expected the certification merchant ${CERTIFICATION_MERCHANT.vatDk} or ${CERTIFICATION_MERCHANT.vatFi}`,
    }),
    callbackAlias: z
      .string()
      .refine((value) => isValidText(value, 36), 'expected at most 36 valid characters')
      .nullable()
      .default(null),
    callbackUrl: httpUrl.nullable().default(null),
  })
  .strict();

/** POST /certification/api/sessions: onboarding is added to the sections when missing. */
export const startSessionSchema = z
  .object({
    identification: identificationSchema,
    sections: z.array(z.enum(CERTIFICATION_SECTIONS)).default([]),
  })
  .strict();

/** The parsed body, as the shared contract types it. */
export function toStartSessionRequest(parsed: z.output<typeof startSessionSchema>): StartSessionRequest {
  return { identification: parsed.identification, sections: parsed.sections };
}
