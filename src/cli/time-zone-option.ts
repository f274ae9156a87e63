// The period time zone of a command: --timezone, else the config file's "timeZone" (--config FILE, or
// ./koe.config.json when present), else UTC. A bad zone is a usage error naming it.
import fs from 'node:fs';
import { UsageError } from './command.js';
import { readConfigFile, checkTimeZone, TimeZoneError } from '../index.js';

export function resolveTimeZoneOption(flag: string | undefined, configFile?: string): string {
  let zone = flag;
  if (zone === undefined) {
    const file = configFile ?? (fs.existsSync('koe.config.json') ? 'koe.config.json' : undefined);
    if (file) {
      try {
        const value = readConfigFile(file).timeZone;
        if (typeof value === 'string') zone = value;
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
    }
  }
  try {
    return checkTimeZone(zone);
  } catch (err) {
    if (err instanceof TimeZoneError) throw new UsageError(`--timezone: ${err.message}`);
    throw err;
  }
}

export const TIMEZONE_USAGE = '  --timezone ZONE  IANA time zone of the days and periods (default: config "timeZone", else UTC)';
