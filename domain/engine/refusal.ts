/**
 * Why a fact was refused, as data: the engine decides, `domain/i18n` words it (zh by default, en on
 * request), so the API can answer in the reader's language and machines can key on `code`.
 */
export type RefusalCode =
  | 'unknown-event-type'
  | 'invalid-date'
  | 'in-future'
  | 'not-permitted'
  | 'terminated'
  | 'missing-field'
  | 'not-boolean'
  | 'already-recorded'
  | 'requires'
  | 'requires-any'
  | 'refused-after'
  | 'annual-report-duplicate'
  | 'annual-report-future-year'
  | 'effective-before-request'
  | 'already-paused'
  | 'not-paused'
  | 'no-such-obligation'
  | 'obligation-already-met'
  | 'no-due-date'
  | 'extension-not-later'
  | 'too-early'
  | 'before-trigger'
  | 'meets-nothing'
  // Policy rules (their article is the refusal's `basis`).
  | 'acceptance-not-ready'
  | 'no-failed-acceptance'
  | 'rectification-outstanding'
  | 'key-project-trial-run'
  | 'termination-notice'
  | 'use-before-acceptance'
  | 'self-evaluation-after-acceptance'
  | 'self-evaluation-after-operation'
  | 'policy-error';

export type RefusalParam = string | number | readonly string[];

export interface Refusal {
  code: RefusalCode;
  params: Record<string, RefusalParam>;
  /** The article behind the refusal, when a regulation's rule is the reason (e.g. "Shandong 第二十三条"). */
  basis?: string;
}

export const refusal = (
  code: RefusalCode,
  params: Record<string, RefusalParam | undefined> = {},
  basis?: string,
): Refusal => {
  const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as Record<
    string,
    RefusalParam
  >;
  return basis ? { code, params: defined, basis } : { code, params: defined };
};
