import type { Language } from "./Language";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function day(year: number, month: number, date: number, language: Language): string {
  return language === "en" ? `${date} ${MONTHS[month - 1] ?? ""} ${year}` : `${year}年${month}月${date}日`;
}

/**
 * The one way every app writes a date: `1 December 2026` / `2026年12月1日` for a calendar day (`YYYY-MM-DD`, which
 * has no zone), and for a moment (an ISO 8601 time) the same day in UTC followed by the time and the zone,
 * `1 December 2026, 14:05 UTC` / `2026年12月1日 14:05 UTC`. Written by hand rather than with Intl, so the page,
 * the CSV, the printed sheet and the CLI agree whatever locale data the runtime carries. Anything else is returned
 * as it is, so a malformed date stays visible rather than turning into "Invalid Date".
 */
export function formatDate(value: string, language: Language): string {
  const calendar = DAY.exec(value);
  if (calendar !== null) {
    const [year, month, date] = [Number(calendar[1]), Number(calendar[2]), Number(calendar[3])];
    const check = new Date(Date.UTC(year, month - 1, date));
    return check.getUTCMonth() === month - 1 && check.getUTCDate() === date ? day(year, month, date, language) : value;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return value;
  const moment = new Date(value);
  if (Number.isNaN(moment.getTime())) return value;
  const time = `${String(moment.getUTCHours()).padStart(2, "0")}:${String(moment.getUTCMinutes()).padStart(2, "0")} UTC`;
  const date = day(moment.getUTCFullYear(), moment.getUTCMonth() + 1, moment.getUTCDate(), language);
  return language === "en" ? `${date}, ${time}` : `${date} ${time}`;
}
