// impact.tsx: before a manager approves an absence, what it would leave uncovered. The server
// answers it (GET /absences/{id}/impact: the planner's covers and open gaps with the absence
// approved, nothing saved); this only groups that answer per executive and per day.
import { Absence, AbsenceImpact, ApiError, PrincipalsOf, get } from '../api';
import * as store from '../store';
import { browserZone, fmtDate, localDate, localTime, partOfDay } from '../time';
import { Show, useAsync } from './ui';

interface DayLoss {
    date: string;
    ranges: string[];
}

interface PrincipalImpact {
    id: number;
    name: string;
    timeZone: string;
    uncovered: DayLoss[];
    minutes: number;
    /** Each proposed backup once, with the reason of their first cover. */
    proposed: { name: string; reason: string; slots: number }[];
    openReasons: string[];
}

type Impact = { kind: 'none'; reason: string } | { kind: 'principals'; items: PrincipalImpact[] };

type Run = { start_at: string; end_at: string };

/** The local days and "HH:MM–HH:MM" ranges of runs, touching runs joined. */
function byDay(runs: Run[], tz: string): DayLoss[] {
    const iv = runs.map((r): [number, number] => [Date.parse(r.start_at), Date.parse(r.end_at)]).sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [s, e] of iv) {
        const last = merged[merged.length - 1];
        if (last && s <= last[1]) last[1] = Math.max(last[1], e);
        else merged.push([s, e]);
    }
    const days = new Map<string, DayLoss>();
    for (const [s, e] of merged) {
        const d = localDate(s, tz);
        const end = localTime(e, tz);
        const entry = days.get(d) || { date: d, ranges: [] };
        entry.ranges.push(`${localTime(s, tz)}–${end === '00:00' ? '24:00' : end}`);
        days.set(d, entry);
    }
    return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}

async function loadImpact(abs: Absence): Promise<Impact> {
    const people = await store.peopleById();
    const person = people.get(abs.person_id);
    const [answer, support, zones] = await Promise.all([
        get<AbsenceImpact>(`/absences/${abs.id}/impact`),
        get<PrincipalsOf>(`/assistants/${abs.person_id}/principals`, { date: localDate(abs.start_at, person?.time_zone || 'UTC') }).catch((err) => {
            if (err instanceof ApiError && err.status === 404) return null;
            throw err;
        }),
        store.principals().then((ps) => new Map(ps.map((p) => [p.id, p.time_zone]))),
    ]);
    if (!support) return { kind: 'none', reason: `${person?.name || 'This person'} is not an assistant, so no executive loses support.` };
    const principals = support.principals.filter((p) => p.kind !== 'backup');
    if (!principals.length) return { kind: 'none', reason: `${support.assistant.name} supports no executive on these days.` };
    const items = principals.map((row): PrincipalImpact => {
        const pid = row.principal_id!;
        const tz = zones.get(pid) || 'UTC';
        const covers = answer.covers.filter((c) => c.principal_id === pid);
        const open = answer.open_gaps.filter((g) => g.principal_id === pid);
        const runs: Run[] = [...covers, ...open];
        const minutes = runs.reduce((m, r) => m + Math.round((Date.parse(r.end_at) - Date.parse(r.start_at)) / 60000), 0);
        const byName = new Map<string, { name: string; reason: string; slots: number }>();
        for (const c of covers) {
            const seen = byName.get(c.assistant_name);
            if (seen) seen.slots += c.slots || 0;
            else byName.set(c.assistant_name, { name: c.assistant_name, reason: c.reason, slots: c.slots || 0 });
        }
        const openReasons: string[] = [];
        for (const g of open) if (g.reason && !openReasons.includes(g.reason)) openReasons.push(g.reason);
        return {
            id: pid,
            name: row.name,
            timeZone: tz,
            uncovered: byDay(runs, tz),
            minutes,
            proposed: [...byName.values()].sort((a, b) => b.slots - a.slots),
            openReasons,
        };
    });
    return { kind: 'principals', items };
}

/** "all day (09:00–17:00)", "afternoon (13:00–17:30)". */
function describeRange(r: string): string {
    const [s, e] = r.split('–');
    return `${partOfDay(s, e)} (${r})`;
}

/** The coverage impact of approving a requested absence, per executive the person supports. */
export function ImpactList({ absence }: { absence: Absence }) {
    const impact = useAsync(() => loadImpact(absence), [absence.id]);
    return (
        <Show a={impact} what="Working out the coverage impact">
            {(im) =>
                im.kind === 'none' ? (
                    <p>{im.reason}</p>
                ) : (
                    <ul class="impact">
                        {im.items.map((p) => (
                            <li key={p.id} data-principal-id={p.id}>
                                {p.uncovered.length === 0 ? (
                                    <p>
                                        <span class="chip s-covered" aria-hidden="true">
                                            ✓
                                        </span>{' '}
                                        <strong>{p.name}</strong> stays covered.
                                    </p>
                                ) : (
                                    <>
                                        <p>
                                            <span class="chip s-gap" aria-hidden="true">
                                                ✕
                                            </span>{' '}
                                            Approving leaves <strong>{p.name}</strong> uncovered for {Math.round(p.minutes / 6) / 10} h:{' '}
                                            {p.uncovered.map((d) => `${fmtDate(d.date)} ${d.ranges.map(describeRange).join(', ')}`).join('; ')}
                                            {p.timeZone !== browserZone() ? ` (${p.timeZone} time)` : ''}.
                                        </p>
                                        <p class="hint proposed">
                                            {p.proposed.length === 0
                                                ? 'The planner would find no backup.'
                                                : `Proposed backup: ${p.proposed.map((b) => `${b.name} (${b.reason})`).join('; and ')}.`}
                                            {p.openReasons.length > 0 && ` Left open: ${p.openReasons.join('; ')}.`}
                                        </p>
                                    </>
                                )}
                            </li>
                        ))}
                    </ul>
                )
            }
        </Show>
    );
}
