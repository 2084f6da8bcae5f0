// impact.ts: before a manager approves an absence, what it would leave uncovered. An estimate
// from the public API: the principals the person supports, their other assistants' working
// hours and absences, and the designated backups. (The planner's real proposal comes with the
// approval itself.)
import { Absence, ApiError, Person, PrincipalsOf, Supporters, WorkPattern, get, listAll } from './api';
import * as store from './store';
import { addDays, localDate, localTime, localToUtc, weekday } from './time';

type Iv = [number, number];

function norm(a: Iv[]): Iv[] {
    const s = a.filter(([x, y]) => y > x).sort((p, q) => p[0] - q[0]);
    const out: Iv[] = [];
    for (const iv of s) {
        const last = out[out.length - 1];
        if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
        else out.push([iv[0], iv[1]]);
    }
    return out;
}

function intersect(a: Iv[], b: Iv[]): Iv[] {
    const out: Iv[] = [];
    for (const x of a) for (const y of b) {
        const s = Math.max(x[0], y[0]);
        const e = Math.min(x[1], y[1]);
        if (e > s) out.push([s, e]);
    }
    return norm(out);
}

function subtract(a: Iv[], b: Iv[]): Iv[] {
    let cur = norm(a);
    for (const [bs, be] of norm(b)) {
        const next: Iv[] = [];
        for (const [s, e] of cur) {
            if (be <= s || bs >= e) next.push([s, e]);
            else {
                if (bs > s) next.push([s, bs]);
                if (be < e) next.push([be, e]);
            }
        }
        cur = next;
    }
    return cur;
}

/** Working intervals (UTC ms) of a person's weekly pattern between two instants. */
function working(patterns: WorkPattern[], tz: string, s: number, e: number): Iv[] {
    const out: Iv[] = [];
    let d = addDays(localDate(s, tz), -1);
    const last = addDays(localDate(e, tz), 1);
    for (let i = 0; i < 400 && d <= last; i++, d = addDays(d, 1)) {
        const w = weekday(d);
        for (const p of patterns) {
            if (p.weekday !== w) continue;
            if (p.valid_from && d < p.valid_from) continue;
            if (p.valid_to && d > p.valid_to) continue;
            const start = localToUtc(d, p.start_time, tz);
            const end = p.end_time === '24:00' ? localToUtc(addDays(d, 1), '00:00', tz) : localToUtc(d, p.end_time, tz);
            out.push([start, end]);
        }
    }
    return intersect(norm(out), [[s, e]]);
}

async function absentIntervals(personId: number, s: number, e: number): Promise<Iv[]> {
    const list = await listAll<Absence>('/absences', {
        person_id: personId,
        status: 'approved',
        from: new Date(s).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        to: new Date(e).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
    return norm(list.map((a): Iv => [Date.parse(a.start_at), Date.parse(a.end_at)]));
}

export interface DayLoss {
    date: string;
    ranges: string[];
    minutes: number;
}

export interface PrincipalImpact {
    id: number;
    name: string;
    timeZone: string;
    uncovered: DayLoss[];
    minutes: number;
    stillCoveredBy: string[];
    backups: { name: string; rank: number; away: boolean }[];
    /** What the planner would propose (GET /absences/{id}/impact): each backup once, with the
     * reason of their first cover; and why any gap would stay open. Null when it could not say. */
    proposed: { name: string; reason: string; slots: number }[] | null;
    openReasons: string[];
}

interface ImpactRun {
    principal_id: number;
    assistant_name?: string;
    slots: number;
    reason: string;
}

interface PlannerImpact {
    covers: ImpactRun[];
    open_gaps: ImpactRun[];
}

export type Impact = { kind: 'none'; reason: string } | { kind: 'principals'; items: PrincipalImpact[] };

export async function estimateImpact(abs: Absence): Promise<Impact> {
    const byId = await store.peopleById();
    const person: Person | undefined = byId.get(abs.person_id);
    const tz = person?.time_zone || 'UTC';
    const s = Date.parse(abs.start_at);
    const e = Date.parse(abs.end_at);
    let support: PrincipalsOf;
    try {
        support = await get<PrincipalsOf>(`/assistants/${abs.person_id}/principals`, { date: localDate(s, tz) });
    } catch (err) {
        if (err instanceof ApiError && err.status === 404)
            return { kind: 'none', reason: `${person?.name || 'This person'} is not an assistant, so no executive loses support.` };
        throw err;
    }
    const principals = support.principals.filter((p) => p.kind !== 'backup');
    if (!principals.length) return { kind: 'none', reason: `${support.assistant.name} supports no executive on these days.` };
    const mine = working(await listAll<WorkPattern>('/work-patterns', { person_id: abs.person_id }), tz, s, e);
    // The planner's own answer: what it would propose if this were approved (nothing is saved).
    const planned = await get<PlannerImpact>(`/absences/${abs.id}/impact`).catch(() => null);
    const items = await Promise.all(
        principals.map(async (row): Promise<PrincipalImpact> => {
            const pid = row.principal_id!;
            const sup = await get<Supporters>(`/principals/${pid}/supporters`, { date: localDate(s, tz) });
            const ptz = sup.principal.time_zone;
            const need = working(await listAll<WorkPattern>('/work-patterns', { person_id: pid }), ptz, s, e);
            const lost = intersect(need, mine);
            const others = sup.supporters.filter((x) => x.kind !== 'backup' && x.assistant_id !== abs.person_id);
            let avail: Iv[] = [];
            const stillCoveredBy: string[] = [];
            for (const o of others) {
                const otz = byId.get(o.assistant_id!)?.time_zone || ptz;
                const [wp, away] = await Promise.all([
                    listAll<WorkPattern>('/work-patterns', { person_id: o.assistant_id! }),
                    absentIntervals(o.assistant_id!, s, e),
                ]);
                const av = subtract(working(wp, otz, s, e), away);
                if (intersect(av, lost).length) stillCoveredBy.push(`${o.name} (${o.kind})`);
                avail = avail.concat(av);
            }
            const uncovered = subtract(lost, avail);
            const days = new Map<string, DayLoss>();
            let minutes = 0;
            for (const [us, ue] of uncovered) {
                const d = localDate(us, ptz);
                const m = Math.round((ue - us) / 60000);
                minutes += m;
                const t2 = localTime(ue, ptz);
                const entry = days.get(d) || { date: d, ranges: [], minutes: 0 };
                entry.ranges.push(`${localTime(us, ptz)}–${t2 === '00:00' ? '24:00' : t2}`);
                entry.minutes += m;
                days.set(d, entry);
            }
            const backups = await Promise.all(
                sup.designated_backups
                    .slice()
                    .sort((a, b) => a.rank - b.rank)
                    .slice(0, 3)
                    .map(async (b) => ({ name: b.name, rank: b.rank, away: (await absentIntervals(b.assistant_id, s, e)).length > 0 })),
            );
            let proposed: PrincipalImpact['proposed'] = null;
            const openReasons: string[] = [];
            if (planned) {
                const byName = new Map<string, { name: string; reason: string; slots: number }>();
                for (const c of planned.covers.filter((x) => x.principal_id === pid)) {
                    const name = c.assistant_name || '';
                    const seen = byName.get(name);
                    if (seen) seen.slots += c.slots;
                    else byName.set(name, { name, reason: c.reason, slots: c.slots });
                }
                proposed = [...byName.values()].sort((a, b) => b.slots - a.slots);
                for (const g of planned.open_gaps.filter((x) => x.principal_id === pid))
                    if (!openReasons.includes(g.reason)) openReasons.push(g.reason);
            }
            return {
                id: pid,
                name: sup.principal.name,
                timeZone: ptz,
                uncovered: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
                minutes,
                stillCoveredBy,
                backups,
                proposed,
                openReasons,
            };
        }),
    );
    return { kind: 'principals', items };
}
