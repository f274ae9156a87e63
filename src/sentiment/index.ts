// Sentiment and emotion: koe's lexicon + rules scorer (default), the backend registry, emotion detection.
export {
  SENTIMENT_BACKENDS,
  DEFAULT_SENTIMENT_BACKEND,
  createSentimentScorer,
  type SentimentScorer,
  type SentimentConfig,
  type SentimentBackendFactory,
} from './sentiment-backends.js';
export { scoreSentimentRules, sentenceValences, RULES_MODEL, type RulesOptions } from './score-sentiment-rules.js';
export { detectEmotions } from './detect-emotions.js';
export { LexiconFileError } from './lexicon-file.js';
