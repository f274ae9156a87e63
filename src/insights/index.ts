// Insights over a koe database: trends, emerging issues, CX metrics, journey, follow-ups. Re-exports only.
export { computeTrends } from './trends.js';
export type { TrendOptions, TrendPoint, TrendResult } from './trends.js';
export { findEmerging, EMERGING_TEST } from './emerging.js';
export type { EmergingOptions, EmergingResult, EmergingTheme, NewTheme, ThemeTest } from './emerging.js';
export { computeCxMetrics, computeMetrics, computeThemeImpact, SCALE_RANGE } from './cx-metrics.js';
export type { CxMetrics, NpsScore, CsatScore, CesScore, StarsScore, MetricsReport, MetricsGroup, MetricsGrouping, ThemeImpact, ImpactMetric } from './cx-metrics.js';
export { computeJourneySentiment, JOURNEY_STAGES, TOUCHPOINTS } from './journey.js';
export type { JourneySentiment, JourneyStep } from './journey.js';
export { listFollowups, countFollowups, markFollowupsDone, reopenFollowups } from './followups.js';
export type { Followup, FollowupListOptions, MarkResult } from './followups.js';
export { themeQuotes } from './theme-quotes.js';
export type { Quote } from './theme-quotes.js';
export { binomialUpperTail, benjaminiHochberg } from './significance.js';
export { periodOf, periodSeries, isoWeekOf, GRANULARITIES } from './periods.js';
export type { Granularity } from './periods.js';
export type { DocumentScope } from './document-scope.js';
export { InsightOptionError } from './insight-error.js';
