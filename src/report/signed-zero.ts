// A value that rounds to zero is shown as 0, not "-0": an NPS of -0.4 printed with no decimals, or a change of
// -0.04 with one, reads as a negative figure that is not there.

/** `formatted` without the minus of a negative number that rounded to zero ("-0", "-0.0" → "0", "0.0"). */
export function withoutMinusZero(formatted: string): string {
  return formatted.replace(/^[-−](?=0(?:[.,]0+)?$)/, '');
}
