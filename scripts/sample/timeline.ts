// The calendar of the sample: six months of days, app releases, the August delivery wave and the 5.2 crash spike.

export const FIRST_DAY = '2026-05-15';
export const LAST_DAY = '2026-11-15';

/** Version 5.2.0 ships on this day; checkout crashes are reported from the next day on. */
export const RELEASE_52 = '2026-10-24';
export const EMERGING_FROM = '2026-10-25';

/** App releases, oldest first: users lag behind, so a record may carry an older version. */
export const RELEASES: ReadonlyArray<readonly [string, string]> = [
  ['2026-04-20', '4.8.2'],
  ['2026-06-10', '4.9.0'],
  ['2026-07-02', '4.9.1'],
  ['2026-08-05', '5.0.0'],
  ['2026-08-20', '5.0.1'],
  ['2026-09-16', '5.1.0'],
  ['2026-10-06', '5.1.1'],
  [RELEASE_52, '5.2.0'],
];

export function allDays(): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${FIRST_DAY}T00:00:00Z`); ; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day > LAST_DAY) break;
    days.push(day);
  }
  return days;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 0 = Sunday. */
export function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** Index into RELEASES of the newest version out on this day. */
export function currentReleaseIndex(day: string): number {
  let index = 0;
  RELEASES.forEach(([date], i) => {
    if (date <= day) index = i;
  });
  return index;
}

/** Delivery delays roughly 2.5× during Obon and the typhoons (mid-August), ramping in and out. */
export function deliveryWave(day: string): number {
  const peak = 2.6;
  if (day < '2026-08-01' || day > '2026-09-08') return 1;
  if (day < '2026-08-06') return 1 + ((peak - 1) * (daysBetween('2026-08-01', day) + 1)) / 6;
  if (day > '2026-09-02') return 1 + ((peak - 1) * daysBetween(day, '2026-09-08')) / 6;
  return peak;
}

/** Share of users on 5.2 after its release: most update within four days. */
export function adoption52(day: string): number {
  if (day < RELEASE_52) return 0;
  return Math.min(1, (daysBetween(RELEASE_52, day) + 1) / 4);
}
