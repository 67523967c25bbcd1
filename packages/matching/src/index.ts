export { type CertificateReport, checkCertificate } from './certificate.ts'
export { type GreedyResult, greedy } from './greedy.ts'
export {
  EXACT_LIMIT,
  fromJson,
  type Instance,
  InstanceError,
  type InstanceJson,
  type Mode,
  parseInstance,
  SCORE_SCALE,
  scoreUnits,
  toJson,
} from './instance.ts'
export {
  type AvailabilitySlot,
  assessPair,
  buildInstance,
  buildPreparedInstance,
  type CefrLevel,
  CRITERIA,
  type Criterion,
  type Day,
  DEFAULT_SETTINGS,
  distanceKm,
  type ExplanationItem,
  type FailureCode,
  type LanguageSkill,
  type PairAssessment,
  type PairContext,
  type PoolOptions,
  type PreparedProfile,
  type Profile,
  type ProgramSettings,
  prepareProfile,
  scorePrepared,
  weeklyIntervals,
} from './scoring.ts'
export { type Duals, type Solution, type SolveOptions, type SolveStats, solve } from './solver.ts'
