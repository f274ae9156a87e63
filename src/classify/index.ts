// Feedback kind (bug, feature request, question, complaint, praise, other), journey stage and touchpoint.
export {
  KIND_BACKENDS,
  DEFAULT_KIND_BACKEND,
  createKindClassifier,
  createRulesKindClassifier,
  type KindClassifier,
  type KindConfig,
  type KindBackendFactory,
} from './kind-backends.js';
export { classifyKindRules, explainKindRules, loadKindCues, DEFAULT_KIND_CUE_FILES, type KindDecision } from './kind-rules.js';
export { tagJourney, tagJourneyWith, loadJourneyCues, JOURNEY_STAGES, TOUCHPOINTS, type JourneyCues, type JourneyTags } from './journey.js';
export { parseCueFile, loadCueFile, exampleFailures, CueDictionaryError, type Cue } from './cue-dictionary.js';
export { viewOfText, matchCueInView, type MatchView, type CueMatcher } from './match-cues.js';
