/** A caller mistake in an insight option (bad duration, date, theme id): the message is for the user. */
export class InsightOptionError extends Error {
  override name = 'InsightOptionError';
}
