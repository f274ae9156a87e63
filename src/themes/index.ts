// The themes stage: vectorize (TF-IDF + concepts + LSA, or precomputed embeddings), cluster (kNN graph + Louvain),
// label (c-TF-IDF, both languages), assign new documents to existing themes, replay curation. Pure: no store.
export { updateThemeSet, splitTheme, splitMembers, resolveThemeOptions, DEFAULT_CLUSTER_SAMPLE } from './update-theme-set.js';
export { discoverClusters, discoverClustersSampled, sampleRows } from './discover-clusters.js';
export type { ResolvedThemeOptions, ThemeUpdateInput, ThemeUpdateResult } from './update-theme-set.js';
export { applyCuration } from './apply-curation.js';
export { summarizeThemes, categorizeThemes, isLive, resolveTheme } from './theme-set.js';
export type { ThemeSet } from './theme-set.js';
export { getVectorizer, VECTORIZERS, DEFAULT_VECTORIZER } from './vectorizer.js';
export { CONCEPT_PREFIX } from './tfidf-lsa-vectorizer.js';
export type { FittedVectorizer, SerializedVectorizer, VectorizerBackend, VectorizerFitOptions } from './vectorizer.js';
export { loadConceptDictionary, parseConceptDictionary, matchConcepts } from './concept-dictionary.js';
export type { Concept, ConceptDictionary } from './concept-dictionary.js';
export { clusterAgreement } from './cluster-agreement.js';
export type { Agreement } from './cluster-agreement.js';
export type * from './theme-types.js';
export { relatedThemes } from './related-themes.js';
