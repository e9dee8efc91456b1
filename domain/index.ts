export * from './calendar';
export * from './engine';
export * from './policies';
