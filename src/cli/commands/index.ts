import type { Command } from '../command.js';
import { runCommand } from './run.js';
import { exportCommand } from './export.js';
import { statsCommand } from './stats.js';
import { themesCommand } from './themes.js';
import { queryCommand } from './query.js';
import { trendsCommand } from './trends.js';
import { emergingCommand } from './emerging.js';
import { metricsCommand } from './metrics.js';
import { followupsCommand } from './followups.js';
import { reportCommand } from './report.js';
import { trainCommand } from './train.js';
import { serveCommand } from './serve.js';
import { forgetCommand } from './forget.js';
import { upgradeCommand } from './upgrade.js';
import { backupCommand } from './backup.js';

/** Every `koe` command, in the order `koe --help` lists them. */
export const COMMANDS: Command[] = [
  runCommand,
  themesCommand,
  exportCommand,
  statsCommand,
  trendsCommand,
  emergingCommand,
  metricsCommand,
  followupsCommand,
  queryCommand,
  reportCommand,
  serveCommand,
  trainCommand,
  forgetCommand,
  upgradeCommand,
  backupCommand,
];
