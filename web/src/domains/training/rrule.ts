// rrule.ts: the one kind of recurrence the session form builds from simple choices — weekly on
// some weekdays, N meetings in all (RFC 5545 FREQ=WEEKLY;BYDAY=…;COUNT=N) — read back, put in
// words and expanded to local dates. Anything else a meeting may carry (from the API or the
// CLI) is kept as it is and shown as written.
import { fmtList, t } from '../../i18n';
import { addDays, weekday, weekdayName } from '../../time';

/** RFC 5545 day codes by ISO weekday 1 (Monday) … 7 (Sunday). */
const CODES = ['', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** The simple choices: the ISO weekdays (1–7) and how many meetings in all. */
export interface Weekly {
    days: number[];
    count: number;
}

/** The most meetings one recurrence may make (the server's TRAINING_MAX_OCCURRENCES). */
export const MAX_COUNT = 60;

export function buildRule(w: Weekly): string {
    const days = [...new Set(w.days)].sort((a, b) => a - b);
    return `FREQ=WEEKLY;BYDAY=${days.map((d) => CODES[d]).join(',')};COUNT=${w.count}`;
}

/**
 * The choices of a rule the form can show (FREQ=WEEKLY with COUNT and at most BYDAY; without
 * BYDAY the first date's weekday), or null for any other rule.
 */
export function parseRule(rule: string, firstDate: string): Weekly | null {
    const parts = new Map<string, string>();
    for (const p of rule.split(';')) {
        const i = p.indexOf('=');
        if (i < 1) return null;
        parts.set(p.slice(0, i).toUpperCase(), p.slice(i + 1).toUpperCase());
    }
    if (parts.get('FREQ') !== 'WEEKLY' || !parts.has('COUNT')) return null;
    for (const k of parts.keys()) if (!['FREQ', 'COUNT', 'BYDAY', 'INTERVAL'].includes(k)) return null;
    if (parts.has('INTERVAL') && parts.get('INTERVAL') !== '1') return null;
    const count = Number(parts.get('COUNT'));
    if (!Number.isInteger(count) || count < 1) return null;
    const by = parts.get('BYDAY');
    const days = by ? by.split(',').map((c) => CODES.indexOf(c)) : [weekday(firstDate)];
    if (days.some((d) => d < 1)) return null;
    return { days: [...new Set(days)].sort((a, b) => a - b), count };
}

/** The local dates of the meetings: from the first date, on the chosen weekdays, count in all. */
export function expand(firstDate: string, w: Weekly): string[] {
    const out: string[] = [];
    const days = new Set(w.days);
    if (!days.size) return out;
    // The first date is the first meeting (RFC 5545: DTSTART is always an occurrence).
    for (let d = firstDate, i = 0; out.length < w.count && i < 7 * (w.count + 1); d = addDays(d, 1), i++)
        if (d === firstDate || days.has(weekday(d))) out.push(d);
    return out;
}

/** "Weekly on Monday and Wednesday, 6 meetings in all" in the current language. */
export function describe(w: Weekly): string {
    const names = [...w.days].sort((a, b) => a - b).map((d) => weekdayName(d, 'long'));
    return t('training.rule.weekly', { count: w.count, days: fmtList(names) });
}
