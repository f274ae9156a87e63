// koe's public library API. Re-exports only; the CLI is built on exactly these.
export type * from './types.js';
export { FEEDBACK_KINDS } from './types.js';

export { runKoe, RunFailedError, StrictModeError } from './pipeline/run-koe.js';
export type { RunOptions, RunSummary, RunProgress, StageTimings } from './pipeline/run-koe.js';
export { resolveConfig, readConfigFile, DEFAULT_CONFIG } from './pipeline/config.js';
export type { KoeConfig, KoeConfigInput } from './pipeline/config.js';
export { createAnalyzer } from './pipeline/analyze-batch.js';
export type { DocAnalysis, AnalyzeBatch } from './pipeline/analyze-batch.js';

export { listInputFiles, readFeedback, IngestFatalError } from './ingest/index.js';
export type { IngestOptions, FieldName } from './ingest/index.js';
export { normalizeFeedback, normalizeText, maskPii, detectLanguage, splitSentences } from './normalize/index.js';
export { createTokenizer, getKuromoji } from './tokenize/index.js';
export { createSentimentScorer, scoreSentimentRules, detectEmotions, SENTIMENT_BACKENDS } from './sentiment/index.js';
export { createKindClassifier, classifyKindRules, tagJourney, KIND_BACKENDS } from './classify/index.js';

export { openStore } from './store/open-store.js';
export type { Store, Db } from './store/open-store.js';
export { exportRecords } from './store/export-records.js';
export type { ExportRecord } from './store/export-records.js';
export { collectStats } from './store/collect-stats.js';
export { listRuns } from './store/run-repository.js';
export { listThemes, listCuration } from './store/theme-repository.js';
export type { ThemeListing, CurationEntry } from './store/theme-repository.js';
export { searchDocuments, documentFacets, getDocument, searchTerms, SearchOptionError, FACETS, DOCUMENT_SORTS } from './store/document-search.js';
export type { DocumentFilter, DocumentPage, DocumentPageOptions, DocumentHit, DocumentSort, FacetName, FacetValue } from './store/document-search.js';
export { checkTimeZone, localDayOf, utcStartOfLocalDay, TimeZoneError } from './time-zone.js';

export { updateThemes, curateThemes, undoCuration, previewSplit, CurationError } from './pipeline/update-themes.js';
export type { ThemeUpdateSummary } from './pipeline/update-themes.js';
export * from './themes/index.js';

export * from './insights/index.js';
export { renderReport, renderReportHtml, collectReportData } from './report/index.js';
export type { ReportData, ReportOptions, ReportLang } from './report/index.js';
export { runNamedQuery, listNamedQueries, getNamedQuery, describeNamedQuery, NamedQueryError } from './store/named-queries.js';
