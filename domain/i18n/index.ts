export { DEFAULT_LANG, languageOf, say, type Lang } from './language';
export { renderRefusal, eventTitle } from './refusals';
export { auditActionTitle, roleTitle } from './audit-actions';
