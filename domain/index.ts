export * from './calendar';
export * from './engine';
export * from './policies';
export * from './i18n';
