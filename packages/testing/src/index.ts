export {
  type AuthFailure,
  type EmulatorCredentials,
  MAX_SKEW_SECONDS,
  parseAuthorization,
  TEST_CREDENTIALS,
  verifyTc3,
} from './auth/verify.js';
export * from './mock/index.js';
export { EmulatedApiError, type Emulator, startEmulator } from './server/emulator.js';
export { parseFlattened } from './server/flattened.js';
export type { ScriptOptions, ScriptStep } from './server/scripted.js';
export type {
  CallContext,
  EmulatorOptions,
  Fault,
  MatchOptions,
  RecordedRequest,
  ResponseKind,
  StreamEvent,
  StreamOptions,
  StreamSource,
  StubResponse,
} from './server/types.js';
export {
  type SmokeClientOptions,
  type SmokeHarness,
  type SmokeHarnessOptions,
  type SmokeVersion,
  smokeHarness,
} from './smoke.js';
export { type CatalogEntry, SpecCatalog, type SpecSource } from './spec/catalog.js';
export { loadSpec } from './spec/load.js';
export type {
  ActionFlags,
  ApiSpec,
  ErrorsSpec,
  LoadedSpec,
  SpecAction,
  SpecMember,
  SpecObject,
} from './spec/model.js';
export { minimalInput, type SampleOptions, sampleOutput } from './spec/sample.js';
export { type ParamProblem, validateInput } from './spec/validate.js';
