// coverage.ts: the board's model: per principal and day, what to show (covered, covered by a
// backup, a gap with a proposed cover, a gap), and the covers and gaps of each cell.
import type { Coverage, Cover, DayState, Gap } from './api';
import { addDays, localDate } from './time';
import { t } from './i18n';

export type CellState = DayState | 'proposed';

export interface CellInfo {
    state: CellState;
    gaps: Gap[];
    covers: Cover[];
}

export interface BoardView {
    data: Coverage;
    tz: (principalId: number) => string;
    cell: (principalId: number, date: string) => CellInfo;
    proposed: Cover[];
    counts: Record<CellState, number>;
}

const key = (pid: number, date: string) => `${pid}|${date}`;

function push<T>(m: Map<string, T[]>, k: string, v: T) {
    const a = m.get(k);
    if (a) a.push(v);
    else m.set(k, [v]);
}

/** The local dates an instant range touches in a zone (at most a few). */
function datesOf(startAt: string, endAt: string, tz: string): string[] {
    const first = localDate(startAt, tz);
    const last = localDate(Date.parse(endAt) - 1, tz);
    const out = [first];
    let d = first;
    for (let i = 0; i < 400 && d < last; i++) {
        d = addDays(d, 1);
        out.push(d);
    }
    return out;
}

/** Whether the proposed covers leave nothing of the gap runs uncovered. */
function allProposed(gaps: Gap[], covers: Cover[]): boolean {
    const proposed = covers.filter((c) => c.status !== 'accepted');
    if (!gaps.length || !proposed.length) return false;
    const runs = proposed.map((c) => [Date.parse(c.start_at), Date.parse(c.end_at)]).sort((a, b) => a[0] - b[0]);
    for (const g of gaps) {
        let t = Date.parse(g.start_at);
        const end = Date.parse(g.end_at);
        for (const [s, e] of runs) {
            if (s <= t && e > t) t = e;
            if (t >= end) break;
        }
        if (t < end) return false;
    }
    return true;
}

export function isAccepted(c: Cover): boolean {
    return c.status === 'accepted';
}

export function buildView(data: Coverage, zones: Map<number, string>): BoardView {
    const tzOf = new Map<number, string>();
    for (const p of data.principals) tzOf.set(p.id, p.time_zone || zones.get(p.id) || 'UTC');
    const tz = (pid: number) => tzOf.get(pid) || zones.get(pid) || 'UTC';
    const gapMap = new Map<string, Gap[]>();
    const coverMap = new Map<string, Cover[]>();
    for (const g of data.gaps || []) for (const d of datesOf(g.start_at, g.end_at, tz(g.principal_id))) push(gapMap, key(g.principal_id, d), g);
    for (const c of data.covers || []) for (const d of datesOf(c.start_at, c.end_at, tz(c.principal_id))) push(coverMap, key(c.principal_id, d), c);
    const stateMap = new Map<string, CellState>();
    const counts: Record<CellState, number> = { none: 0, covered: 0, backup: 0, gap: 0, proposed: 0 };
    for (const p of data.principals) {
        for (const day of p.days) {
            const k = key(p.id, day.date);
            let st: CellState = day.state;
            if (st === 'gap' && allProposed(gapMap.get(k) || [], coverMap.get(k) || [])) st = 'proposed';
            stateMap.set(k, st);
            counts[st]++;
        }
    }
    const proposed = (data.covers || []).filter((c) => !isAccepted(c));
    return {
        data,
        tz,
        proposed,
        counts,
        cell: (pid, date) => {
            const k = key(pid, date);
            return { state: stateMap.get(k) || 'none', gaps: gapMap.get(k) || [], covers: coverMap.get(k) || [] };
        },
    };
}

/** The name of each cell state in the current language (getters: read at render time). */
export const STATE_LABEL: Record<CellState, string> = {
    get covered() {
        return t('board.state.covered');
    },
    get backup() {
        return t('board.state.backup');
    },
    get proposed() {
        return t('board.state.proposed');
    },
    get gap() {
        return t('board.state.gap');
    },
    get none() {
        return t('board.state.none');
    },
};

export const STATE_GLYPH: Record<CellState, string> = {
    covered: '✓',
    // "B" for backup, "A" for asendaja: the letter of the legend's word.
    get backup() {
        return t('board.glyph.backup');
    },
    proposed: 'P',
    gap: '✕',
    none: '',
};
