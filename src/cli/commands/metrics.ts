import { parseArgs } from 'node:util';
import { EXIT_OK, integerFlag, UsageError, type Command } from '../command.js';
import {
  computeMetrics,
  computeThemeImpact,
  type CxMetrics,
  type ImpactMetric,
  type MetricsGrouping,
} from '../../index.js';
import { writeOut, writeRows } from '../format.js';
import { DB_OPTION, dbUsage, FORMAT_OPTION, formatUsage, openDatabase, parseRowFormat, PERIOD_OPTIONS, periodUsage, readPeriod } from '../options.js';

const GROUPINGS: readonly MetricsGrouping[] = ['day', 'week', 'month', 'channel', 'product', 'theme'];
const METRIC_COLUMNS = ['nps', 'nps_responses', 'promoters', 'passives', 'detractors', 'csat', 'csat_responses', 'ces', 'ces_responses', 'stars', 'stars_responses'];
const IMPACT_COLUMNS = ['theme', 'label', 'impact_points', 'unhappy', 'responses', 'theme_score', 'overall', 'overall_responses'];

const r1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const r2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

function metricCells(m: CxMetrics): Record<string, unknown> {
  return {
    nps: r1(m.nps.nps),
    nps_responses: m.nps.responses,
    promoters: m.nps.promoters,
    passives: m.nps.passives,
    detractors: m.nps.detractors,
    csat: r1(m.csat.csat),
    csat_responses: m.csat.responses,
    ces: r2(m.ces.ces),
    ces_responses: m.ces.responses,
    stars: r2(m.stars.stars),
    stars_responses: m.stars.responses,
  };
}

export const metricsCommand: Command = {
  name: 'metrics',
  summary: 'NPS, CSAT and CES overall, per period, channel, product or theme; and each theme\'s NPS impact.',
  usage: `koe metrics --db PATH [--by day|week|month|channel|product|theme] [--theme ID] [--channel X] [--product Y]
           [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--impact nps|csat] [--top N] [--format table|csv|jsonl]

Each metric reads only ratings declared on its scale: NPS = % promoters (9–10) − % detractors (0–6) on 0–10;
CSAT = % of 4–5 on 1–5; CES = mean of 1–7; stars = mean of 1–5 stars (never mixed into CSAT). A metric with
no ratings is empty (null), never 0.
Theme impact: points the overall score would rise if the theme's detractors were passives (NPS), or if its
unsatisfied 1–3 answers were satisfied (CSAT); themes by primary theme, ranked, with the counts behind them.
With --format csv or jsonl, one table is written: the impact ranking with --impact, else the groups (or the
overall row without --by).

Options:
${dbUsage(17)}
  --by G           group by day, week, month, channel, product or theme
  --theme ID       only documents of this theme
  --channel X      only this channel
  --product Y      only this product
${periodUsage(17)}
  --impact M       rank themes by impact on nps (default in table output) or csat
  --top N          impact rows shown (default 10)
${formatUsage(17)}`,
  examples: ['koe metrics --db koe.db --by week', 'koe metrics --db koe.db --impact nps --format csv > nps-impact.csv'],
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        ...DB_OPTION,
        ...PERIOD_OPTIONS,
        ...FORMAT_OPTION,
        by: { type: 'string' },
        theme: { type: 'string' },
        channel: { type: 'string' },
        product: { type: 'string' },
        impact: { type: 'string' },
        top: { type: 'string' },
      },
    });
    const by = (values.by ?? null) as MetricsGrouping | null;
    if (by !== null && !GROUPINGS.includes(by)) throw new UsageError(`--by must be one of ${GROUPINGS.join(', ')}, got "${by}"`);
    const impact = (values.impact ?? null) as ImpactMetric | null;
    if (impact !== null && impact !== 'nps' && impact !== 'csat') throw new UsageError(`--impact must be nps or csat, got "${impact}"`);
    const top = integerFlag('top', values.top, 1) ?? 10;
    const format = parseRowFormat(values.format);
    const scope = {
      themeId: values.theme ?? null,
      channel: values.channel ?? null,
      product: values.product ?? null,
      ...readPeriod(values),
    };
    const store = openDatabase(values.db);
    try {
      const report = computeMetrics(store.db, scope, by);
      const groupRows = report.groups.map((g) => ({ [by ?? 'group']: g.key, ...(by === 'theme' ? { label: g.label ?? '' } : {}), ...metricCells(g) }));
      const groupColumns = [by ?? 'group', ...(by === 'theme' ? ['label'] : []), ...METRIC_COLUMNS];
      const impactMetric = impact ?? 'nps';
      const impactRows = computeThemeImpact(store.db, impactMetric, { ...scope, themeId: null })
        .slice(0, top)
        .map((i) => ({
          theme: i.themeId,
          label: i.label,
          impact_points: r1(i.impact),
          unhappy: i.unhappy,
          responses: i.responses,
          theme_score: r1(i.score),
          overall: r1(i.overall),
          overall_responses: i.overallResponses,
        }));
      if (format !== 'table') {
        if (impact !== null) await writeRows(io, format, IMPACT_COLUMNS, impactRows);
        else if (by !== null) await writeRows(io, format, groupColumns, groupRows);
        else await writeRows(io, format, ['group', ...METRIC_COLUMNS], [{ group: 'all', ...metricCells(report.overall) }]);
        return EXIT_OK;
      }
      const o = report.overall;
      await writeOut(
        io.stdout,
        `NPS  ${o.nps.nps === null ? '—' : r1(o.nps.nps)}  (${o.nps.responses} responses: ${o.nps.promoters} promoters, ${o.nps.passives} passives, ${o.nps.detractors} detractors)\n` +
          `CSAT ${o.csat.csat === null ? '—' : `${r1(o.csat.csat)}%`}  (${o.csat.responses} responses, ${o.csat.satisfied} satisfied)\n` +
          `CES  ${o.ces.ces === null ? '—' : r2(o.ces.ces)}  (${o.ces.responses} responses; 1 = effortless … 7 = hard)\n` +
          `★    ${o.stars.stars === null ? '—' : r2(o.stars.stars)}  (${o.stars.responses} star ratings, 1–5)\n`,
      );
      if (by !== null) {
        await writeOut(io.stdout, `\nBy ${by}:\n`);
        await writeRows(io, 'table', groupColumns, groupRows);
      }
      if (!scope.themeId) {
        const label = impactMetric === 'nps' ? 'NPS if the theme\'s detractors were passives' : 'CSAT if the theme\'s unsatisfied answers were satisfied';
        await writeOut(io.stdout, `\nTheme impact: points gained on ${label}:\n`);
        if (impactRows.length === 0) await writeOut(io.stdout, `(no ${impactMetric.toUpperCase()} ratings on themed feedback)\n`);
        else await writeRows(io, 'table', IMPACT_COLUMNS, impactRows);
      }
    } finally {
      store.close();
    }
    return EXIT_OK;
  },
};
