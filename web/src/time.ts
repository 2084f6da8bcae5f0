// time.ts: dates (YYYY-MM-DD), instants (RFC 3339, UTC) and local times in IANA zones, with the
// browser's Intl only. Everything shown to people is formatted with Intl in the current
// language (locale() of ./i18n), in the zone of the person the time belongs to.
import { locale, t } from './i18n';

const DAY = 86400000;

/** YYYY-MM-DD of a Date's UTC fields. */
function isoUTC(d: Date): string {
    return d.toISOString().slice(0, 10);
}

/** Today in the browser's zone. */
export function today(): string {
    const d = new Date();
    const m = `${d.getMonth() + 1}`.padStart(2, '0');
    const day = `${d.getDate()}`.padStart(2, '0');
    return `${d.getFullYear()}-${m}-${day}`;
}

export function addDays(date: string, n: number): string {
    const t = Date.parse(`${date}T00:00:00Z`) + n * DAY;
    return isoUTC(new Date(t));
}

export function daysBetween(a: string, b: string): number {
    return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
}

/** ISO weekday 1 (Monday) … 7 (Sunday) of a date. */
export function weekday(date: string): number {
    const w = new Date(`${date}T00:00:00Z`).getUTCDay();
    return w === 0 ? 7 : w;
}

/** The Monday of a date's week. */
export function monday(date: string): string {
    return addDays(date, 1 - weekday(date));
}

/** A date formatter of the current language for calendar dates (YYYY-MM-DD, read as UTC). */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    const k = `${locale()}|${JSON.stringify(opts)}`;
    let f = dateFormats.get(k);
    if (!f) {
        f = new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', ...opts });
        dateFormats.set(k, f);
    }
    return f;
}
const asDate = (date: string) => new Date(`${date}T00:00:00Z`);

/** The name of ISO weekday 1 (Monday) … 7 (Sunday) in the current language. */
export function weekdayName(n: number, width: 'long' | 'short' | 'narrow' = 'short'): string {
    // 2024-01-01 was a Monday.
    return dateFormat({ weekday: width }).format(asDate(`2024-01-0${n}`));
}

/** "Mon 14 Dec" / "E, 14. dets" (with year: "Mon, 14 Dec 2026" / "E, 14. detsember 2026"). */
export function fmtDate(date: string, year = false): string {
    return dateFormat({ weekday: 'short', day: 'numeric', month: 'short', ...(year ? { year: 'numeric' } : {}) }).format(asDate(date));
}

/** "Monday, 14 December 2026" / "esmaspäev, 14. detsember 2026". */
export function fmtLongDate(date: string): string {
    return dateFormat({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(asDate(date));
}

/** "14 Dec" / "14. dets". */
export function fmtShortDate(date: string): string {
    return dateFormat({ day: 'numeric', month: 'short' }).format(asDate(date));
}

/** "Dec" / "dets": the month of a date, short. */
export function fmtMonth(date: string): string {
    return dateFormat({ month: 'short' }).format(asDate(date));
}

const partsCache = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
    let f = partsCache.get(tz);
    if (!f) {
        try {
            f = new Intl.DateTimeFormat('en-GB', {
                timeZone: tz,
                hourCycle: 'h23',
                year: 'numeric',
                month: '2-digit',
                day: '2-digit',
                hour: '2-digit',
                minute: '2-digit',
                second: '2-digit',
            });
        } catch {
            f = formatter('UTC');
        }
        partsCache.set(tz, f);
    }
    return f;
}

interface Local {
    y: number;
    mo: number;
    d: number;
    h: number;
    mi: number;
    s: number;
}
function localParts(ms: number, tz: string): Local {
    const o: Record<string, number> = {};
    for (const p of formatter(tz).formatToParts(new Date(ms))) {
        if (p.type !== 'literal') o[p.type] = Number(p.value);
    }
    return { y: o.year, mo: o.month, d: o.day, h: o.hour === 24 ? 0 : o.hour, mi: o.minute, s: o.second };
}

/** Offset of a zone from UTC at an instant, in ms. */
export function tzOffset(ms: number, tz: string): number {
    const l = localParts(ms, tz);
    const asUTC = Date.UTC(l.y, l.mo - 1, l.d, l.h, l.mi, l.s);
    return asUTC - Math.floor(ms / 1000) * 1000;
}

/** The instant (ms) of a local wall time (date, "HH:MM") in a zone. */
export function localToUtc(date: string, time: string, tz: string): number {
    const [h, m] = time.split(':').map(Number);
    const wall = Date.parse(`${date}T00:00:00Z`) + (h * 60 + m) * 60000;
    let t = wall - tzOffset(wall, tz);
    t = wall - tzOffset(t, tz);
    return t;
}

/** Local date YYYY-MM-DD of an instant in a zone. */
export function localDate(at: string | number, tz: string): string {
    const ms = typeof at === 'number' ? at : Date.parse(at);
    const l = localParts(ms, tz);
    return `${l.y}-${String(l.mo).padStart(2, '0')}-${String(l.d).padStart(2, '0')}`;
}

/** Local HH:MM of an instant in a zone. */
export function localTime(at: string | number, tz: string): string {
    const ms = typeof at === 'number' ? at : Date.parse(at);
    const l = localParts(ms, tz);
    return `${String(l.h).padStart(2, '0')}:${String(l.mi).padStart(2, '0')}`;
}

/** RFC 3339 UTC of ms, without milliseconds. */
export function iso(ms: number): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The browser's zone (fallback UTC). */
export function browserZone(): string {
    try {
        return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    } catch {
        return 'UTC';
    }
}

/**
 * A whole-day absence window as shown to a person: first day and last day (inclusive), local
 * in the zone. end_at is the instant they are back, so the last day is the day before it when
 * it falls at local midnight.
 */
export function absenceDays(startAt: string, endAt: string, tz: string): { first: string; last: string } {
    const first = localDate(startAt, tz);
    const endMs = Date.parse(endAt);
    let last = localDate(endMs, tz);
    if (localTime(endMs, tz) === '00:00') last = addDays(last, -1);
    if (last < first) last = first;
    return { first, last };
}

export function fmtRange(first: string, last: string): string {
    if (first === last) return fmtDate(first, true);
    const sameYear = first.slice(0, 4) === last.slice(0, 4);
    return `${fmtDate(first, !sameYear)} – ${fmtDate(last, true)}`;
}

/** "Mon, 14 Dec 2026, 08:30" in a zone. */
export function fmtInstant(at: string, tz = browserZone()): string {
    const d = localDate(at, tz);
    return t('time.dateAt', { date: fmtDate(d, true), time: localTime(at, tz) });
}

/** "Mon 14 Dec 08:30–17:30" of a run of UTC instants in a zone. */
export function fmtSpan(startAt: string, endAt: string, tz: string): string {
    const d1 = localDate(startAt, tz);
    const d2 = localDate(Date.parse(endAt) - 1, tz);
    const t2 = localTime(endAt, tz);
    if (d1 === d2) return `${fmtDate(d1)} ${localTime(startAt, tz)}–${t2 === '00:00' ? '24:00' : t2}`;
    return `${fmtDate(d1)} ${localTime(startAt, tz)} – ${fmtDate(d2)} ${t2 === '00:00' ? '24:00' : t2}`;
}

/** "08:30–17:30" of a run within one day, in a zone. */
export function fmtTimes(startAt: string, endAt: string, tz: string): string {
    const t2 = localTime(endAt, tz);
    return `${localTime(startAt, tz)}–${t2 === '00:00' ? '24:00' : t2}`;
}

/** "morning", "afternoon" … for a local HH:MM range, for sentences, in the current language. */
export function partOfDay(start: string, end: string): string {
    const s = Number(start.slice(0, 2));
    const e = Number(end.slice(0, 2)) + (end.slice(3) === '00' ? 0 : 1);
    if (s < 12 && e > 14) return t('time.allDay');
    if (e <= 13) return t('time.morning');
    if (s >= 12 && e <= 18) return t('time.afternoon');
    if (s >= 17) return t('time.evening');
    return t('time.midday');
}
