export * from './iso-date';
export * from './holiday-notice';
export * from './statutory-holidays';
export * from './working-calendar';
export { OFFICIAL_NOTICES } from './official-years.data';
