export * from './direction'
export * from './locales'
export * from './terms'
