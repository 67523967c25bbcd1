export * from './matching'
export * from './problems'
export * from './programs'
export * from './roles'
