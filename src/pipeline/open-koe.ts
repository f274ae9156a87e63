// One object owns the store: openKoe(path | ':memory:') opens (and migrates) a koe database and offers every
// operation on it — run, themes (list, curate, rebuild), train, query, insights — until close(). The CLI is built
// on this object and the rest of the public API (src/index.ts), as textlint's CLI knows only its Linter.
import { openStore, type Db, type StoreOptions } from '../store/open-store.js';
import { countThemePending, countUnthemed, listThemes, type ThemeListing, type ThemeListingOptions } from '../store/theme-repository.js';
import { runNamedQuery, type NamedQueryResult } from '../store/named-queries.js';
import { currentWriter, curate, rebuildThemes, type CurationOutcome, type RebuildOptions, type WriteWaitOptions } from './theme-writes.js';
import { runKoeOn, type RunOptions, type RunSummary } from './run-koe.js';
import { runOperation, type OperationSpec } from './long-operation.js';
import { trainFromLabels, trainFromRatings, type RatingsTrainOptions, type TrainOptions, type TrainReport } from './train.js';
import type { TrainedTask } from '../models/trained-model.js';
import type { CurationAction } from '../themes/index.js';
import type { ThemeUpdateSummary } from './update-themes.js';
import type { LeaseHolder } from '../store/write-lease.js';
import {
  computeMetrics,
  computeThemeImpact,
  computeTrends,
  findEmerging,
  type EmergingOptions,
  type EmergingResult,
  type ImpactMetric,
  type MetricsGrouping,
  type MetricsReport,
  type ThemeImpact,
  type TrendOptions,
  type TrendResult,
  type DocumentScope,
} from '../insights/index.js';

export interface KoeThemes {
  list(options?: ThemeListingOptions): ThemeListing[];
  /** Documents without a theme, and those not yet through a theme step (a run in progress or interrupted). */
  coverage(): { unthemed: number; total: number; pending: number };
  /** Applied now, or queued when a run holds the database (see curate in theme-writes.ts). */
  curate(action: CurationAction, options?: WriteWaitOptions): Promise<CurationOutcome>;
  rebuild(options?: RebuildOptions): Promise<ThemeUpdateSummary & { runId: number }>;
}

export type TrainSource = { labels: string; options?: TrainOptions } | { fromRatings: true; options?: RatingsTrainOptions };

export interface KoeInsights {
  trends(options: TrendOptions): TrendResult;
  emerging(options?: EmergingOptions): EmergingResult;
  metrics(scope?: DocumentScope, by?: MetricsGrouping | null): MetricsReport;
  impact(metric?: ImpactMetric, scope?: DocumentScope): ThemeImpact[];
}

export interface Koe {
  /** The open better-sqlite3 connection, for your own read-only SQL over the documented views. */
  readonly db: Db;
  readonly path: string;
  run(inputs: string[], options?: Omit<RunOptions, 'db' | 'inputs'>): Promise<RunSummary>;
  themes: KoeThemes;
  train(task: TrainedTask, source: TrainSource, options?: WriteWaitOptions & { command?: string }): Promise<TrainReport & { runId: number }>;
  query(name: string, params?: Record<string, string | number | null>): NamedQueryResult;
  insights: KoeInsights;
  /** The process writing the database now (a run, rebuild or training), if any. */
  writer(): LeaseHolder | null;
  close(): void;
}

/** Opens a koe database (created and migrated when missing; ':memory:' for a throwaway one). */
export function openKoe(path: string, options: StoreOptions = {}): Koe {
  const store = openStore(path, options);
  const { db } = store;
  return {
    db,
    path,
    run: (inputs, runOptions = {}) => runKoeOn(db, { ...runOptions, inputs }),
    themes: {
      list: (o) => listThemes(db, o),
      coverage: () => ({ ...countUnthemed(db), pending: countThemePending(db) }),
      curate: (action, o) => curate(db, action, o),
      rebuild: (o) => rebuildThemes(db, o),
    },
    train(task, source, o = {}) {
      const spec: OperationSpec = {
        kind: 'train',
        command: o.command ?? `train ${task}`,
        inputs: 'labels' in source ? [source.labels] : [],
        wait: o.wait,
        onWait: o.onWait,
      };
      return runOperation(db, spec, () =>
        'labels' in source ? trainFromLabels(db, task, source.labels, source.options) : trainFromRatings(db, source.options),
      );
    },
    query: (name, params = {}) => runNamedQuery(db, name, params),
    insights: {
      trends: (o) => computeTrends(db, o),
      emerging: (o) => findEmerging(db, o),
      metrics: (scope, by) => computeMetrics(db, scope, by ?? null),
      impact: (metric, scope) => computeThemeImpact(db, metric, scope),
    },
    writer: () => currentWriter(db),
    close: () => store.close(),
  };
}
