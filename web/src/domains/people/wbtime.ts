// wbtime.ts: calendar dates and weekdays of the workbench, in the user's language (Intl).
// Dates here are calendar days (YYYY-MM-DD), not instants: they are formatted as such, with no
// time zone shift.
import { locale } from '../../i18n';

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    const key = `${locale()}|${JSON.stringify(opts)}`;
    let f = cache.get(key);
    if (!f) {
        f = new Intl.DateTimeFormat(locale(), { ...opts, timeZone: 'UTC' });
        cache.set(key, f);
    }
    return f;
}

/** "Mon 1 Feb 2027" / "E, 1. veebr 2027" for a calendar date. */
export function fmtDay(date: string): string {
    return fmt({ weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${date}T00:00:00Z`));
}

/** The weekday's name, ISO 1 (Monday) … 7. */
export function weekdayName(d: number, style: 'long' | 'short' = 'long'): string {
    return fmt({ weekday: style }).format(new Date(Date.UTC(2024, 0, d))); // 1 Jan 2024 was a Monday
}
