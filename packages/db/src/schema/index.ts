export * from './outbox'
export * from './programs'
export * from './tenants'
export * from './users'
