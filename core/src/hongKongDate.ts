// Hong Kong has not observed daylight saving time since 1979, so a fixed offset gives the registrars' calendar day.
const HONG_KONG_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar day in Hong Kong at `now`, `YYYY-MM-DD`: "today" for a registrar's award dates. */
export function hongKongDate(now: Date = new Date()): string {
  return new Date(now.getTime() + HONG_KONG_OFFSET_MS).toISOString().slice(0, 10);
}
