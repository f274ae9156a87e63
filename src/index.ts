// koe's public library API. Re-exports only; the CLI is built on exactly these.
export type * from './types.js';
export { FEEDBACK_KINDS } from './types.js';

export { openKoe } from './pipeline/open-koe.js';
export type { Koe, KoeThemes, KoeInsights, TrainSource } from './pipeline/open-koe.js';

export { runKoe, runKoeOn, RunFailedError, RunStoppedError, StrictModeError, UnusableInputError } from './pipeline/run-koe.js';
export { readBatches, selectChanged, analyzeInOrder, writeBatch } from './pipeline/run-steps.js';
export type { ReadBatch, SelectedBatch, AnalyzedBatch, CommittedProgress } from './pipeline/run-steps.js';
export { beginOperation, runOperation } from './pipeline/long-operation.js';
export type { Operation, OperationSpec, OperationKind } from './pipeline/long-operation.js';
export { curate, undoCurate, rebuildThemes, currentWriter } from './pipeline/theme-writes.js';
export type { CurationOutcome, RebuildOptions, WriteWaitOptions } from './pipeline/theme-writes.js';
export { trainFromLabels, trainFromRatings, TrainingDataError } from './pipeline/train.js';
export type { TrainReport, TrainOptions, RatingsTrainOptions } from './pipeline/train.js';
export { TRAINED_TASKS } from './models/trained-model.js';
export type { TrainedTask } from './models/trained-model.js';
export { SentenceEncoderError } from './models/sentence-encoder.js';
export { ModelDirectoryError } from './models/transformer.js';
export type { RunOptions, RunSummary, RunProgress, StageTimings } from './pipeline/run-koe.js';
export { resolveConfig, readConfigFile, DEFAULT_CONFIG } from './pipeline/config.js';
export type { KoeConfig, KoeConfigInput } from './pipeline/config.js';
export { createAnalyzer } from './pipeline/analyze-batch.js';
export type { DocAnalysis, AnalyzeBatch } from './pipeline/analyze-batch.js';

export { listInputFiles, listInputs, readFeedback, IngestFatalError, PRESETS, PRESET_NAMES, CONSTANT_FIELDS } from './ingest/index.js';
export type { IngestOptions, FieldName, ConstantField, PresetName, Preset, InputFile } from './ingest/index.js';
export { checkConfig, ConfigError } from './pipeline/check-config.js';
export { normalizeFeedback, normalizeText, maskPii, detectLanguage, splitSentences } from './normalize/index.js';
export { maskMessage, PII_PLACEHOLDERS, checkPiiMaskers } from './normalize/mask-pii.js';
export { PII_MASKERS } from './normalize/pii-maskers.js';
export type { PiiMasker } from './normalize/pii-maskers.js';
export { hashSourceId, protectSourceId, isPersonalSourceId } from './normalize/personal-source-id.js';
export { forgetDocuments, ForgetError } from './pipeline/forget.js';
export { upgradeDatabase } from './pipeline/upgrade-database.js';
export { backupDatabase } from './pipeline/backup-database.js';
export type { BackupResult } from './pipeline/backup-database.js';
export type { UpgradeOptions, UpgradeResult } from './pipeline/upgrade-database.js';
export type { ForgetOptions, ForgetSummary } from './pipeline/forget.js';
export { createTokenizer, getKuromoji } from './tokenize/index.js';
export { createSentimentScorer, scoreSentimentRules, detectEmotions, SENTIMENT_BACKENDS } from './sentiment/index.js';
export { createKindClassifier, classifyKindRules, tagJourney, KIND_BACKENDS } from './classify/index.js';

export { openStore } from './store/open-store.js';
export type { Store, Db } from './store/open-store.js';
export { exportRecords } from './store/export-records.js';
export type { ExportRecord } from './store/export-records.js';
export { collectStats } from './store/collect-stats.js';
export { listRuns } from './store/run-repository.js';
export { listThemes, countUnthemed, countThemePending } from './store/theme-repository.js';
export type { ThemeListing, ThemeListingOptions } from './store/theme-repository.js';
export { DatabaseBusyError, describeHolder, readLeaseHolder } from './store/write-lease.js';
export type { LeaseHolder } from './store/write-lease.js';
export { checkpointWal } from './store/open-store.js';
export { DatabaseCheckError, storageFailure } from './store/check-database.js';
export { listErasures } from './store/privacy-repository.js';
export type { ErasureRecord } from './store/privacy-repository.js';
export { searchDocuments, documentFacets, getDocument, searchTerms, SearchOptionError, FACETS, DOCUMENT_SORTS } from './store/document-search.js';
export type { DocumentFilter, DocumentPage, DocumentPageOptions, DocumentHit, DocumentSort, FacetName, FacetValue } from './store/document-search.js';
export { checkTimeZone, localDayOf, utcStartOfLocalDay, TimeZoneError } from './time-zone.js';
export { listCuration } from './store/theme-repository.js';
export type { CurationEntry } from './store/theme-repository.js';
export { startServer, UnsafeBindError } from './serve/start-server.js';
export type { RunningServer } from './serve/start-server.js';
export { createApp } from './serve/app.js';
export type { ServeOptions } from './serve/app.js';

export { updateThemes, curateThemes, undoCuration, previewSplit, themesPredateDictionary, themesEncoder, CurationError } from './pipeline/update-themes.js';
export type { ThemeUpdateSummary } from './pipeline/update-themes.js';
export * from './themes/index.js';

export * from './insights/index.js';
export { renderReport, renderReportHtml, collectReportData, withoutMinusZero } from './report/index.js';
export type { ReportData, ReportOptions, ReportLang } from './report/index.js';
export { runNamedQuery, listNamedQueries, getNamedQuery, describeNamedQuery, NamedQueryError, parseParamArgs } from './store/named-queries.js';
export { parseDayOption, parseDurationDays } from './insights/durations.js';
