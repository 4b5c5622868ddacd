/** The same calendar day `years` later (or earlier); ISO dates then compare correctly as strings. */
export function shiftYears(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, "0")}${date.slice(4)}`;
}
