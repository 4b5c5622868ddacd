import { locale } from "./i18n";

/** A moment in UTC, written the way the reader's language writes dates, with the zone named so it is unambiguous. */
export function formatMoment(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: "long", timeStyle: "short", timeZone: "UTC", hourCycle: "h23" }).format(date) + " UTC";
}

/** A calendar date (`YYYY-MM-DD`, e.g. an award date), which has no time zone. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale(), { dateStyle: "long", timeZone: "UTC" }).format(date);
}
