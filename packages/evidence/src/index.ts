export * from './periods'
export * from './suppress'
