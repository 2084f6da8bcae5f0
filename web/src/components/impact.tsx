// impact.tsx: before a manager approves an absence, what it would leave uncovered. The server
// answers it (GET /absences/{id}/impact: per executive the gaps the absence causes and those
// there anyway, who still covers, the designated backups, and the planner's covers and open
// gaps with the absence approved; nothing saved); this only words it, in each executive's time.
import { Absence, AbsenceImpact, ImpactPrincipal, ImpactRun, get } from '../api';
import * as store from '../store';
import { browserZone, fmtDate, localDate, localTime, partOfDay } from '../time';
import { Show, useAsync } from './ui';
import { fmtList, has, t } from '../i18n';

/** primary, secondary, backup in the current language. */
export function supportKind(k: string): string {
    const key = `support.kind.${k}`;
    return has(key) ? t(key) : k;
}

interface DayLoss {
    date: string;
    ranges: string[];
}

interface PrincipalImpact {
    id: number;
    name: string;
    kind: string;
    timeZone: string;
    /** Hours left without support because of this absence, by local day. */
    uncovered: DayLoss[];
    minutes: number;
    /** Hours without support on those days anyway. */
    existing: DayLoss[];
    existingMinutes: number;
    /** "Margus Ots (secondary)" who stays on all of it; and who covers part of it. */
    stays: string[];
    partly: string[];
    /** Each proposed backup once, with the reason of their first cover. */
    proposed: { name: string; reason: string; slots: number }[];
    openReasons: string[];
    backups: ImpactPrincipal['designated_backups'];
}

/** "Her 3 covers for Helen Koppel on Tue 2 Dec – Thu 4 Dec are released and planned again." */
type Released = { principal: string; count: number; when: string }[];

type Impact = ({ kind: 'none'; reason: string } | { kind: 'principals'; items: PrincipalImpact[] }) & { released: Released };

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

const slotsOf = (runs: ImpactRun[]) => runs.reduce((n, r) => n + r.slots, 0);

async function loadImpact(abs: Absence): Promise<Impact & { name: string }> {
    const [answer, people] = await Promise.all([get<AbsenceImpact>(`/absences/${abs.id}/impact`), store.peopleById()]);
    const name = people.get(abs.person_id)?.name || t('impact.thisPerson');
    return { ...impactOf(answer, name), name };
}

/** The impact answer of a (what-if) absence of `name`, per executive. */
function impactOf(answer: AbsenceImpact, name: string): Impact {
    // The server's sentence is in the reader's language too; the page words it from its own
    // catalog, like everything it shows.
    const released: Released = (answer.own_covers_released || []).map((r) => ({
        principal: r.principal_name,
        count: r.cover_ids.length,
        when: r.from === r.to ? fmtDate(r.from) : `${fmtDate(r.from)} – ${fmtDate(r.to)}`,
    }));
    if (!answer.assistant) return { kind: 'none', reason: t('impact.notAssistant', { name }), released };
    if (!answer.principals.length) return { kind: 'none', reason: t('impact.supportsNone', { name }), released };
    const sm = answer.slot_minutes || 60;
    const items = answer.principals.map((row): PrincipalImpact => {
        const pid = row.principal_id;
        const tz = row.time_zone || 'UTC';
        const covers = answer.covers.filter((c) => c.principal_id === pid);
        const open = answer.open_gaps.filter((g) => g.principal_id === pid);
        const byName = new Map<string, { name: string; reason: string; slots: number }>();
        for (const c of covers) {
            const seen = byName.get(c.assistant_name);
            if (seen) seen.slots += c.slots || 0;
            else byName.set(c.assistant_name, { name: c.assistant_name, reason: c.reason, slots: c.slots || 0 });
        }
        const openReasons: string[] = [];
        for (const g of open) if (g.reason && !openReasons.includes(g.reason)) openReasons.push(g.reason);
        const who = (c: { name: string; kind: string }) => (c.kind ? `${c.name} (${supportKind(c.kind)})` : c.name);
        return {
            id: pid,
            name: row.name,
            kind: row.kind,
            timeZone: tz,
            uncovered: byDay(row.caused_gaps, tz),
            minutes: slotsOf(row.caused_gaps) * sm,
            existing: byDay(row.existing_gaps, tz),
            existingMinutes: slotsOf(row.existing_gaps) * sm,
            stays: row.covered_by.filter((c) => c.whole).map(who),
            partly: row.covered_by.filter((c) => !c.whole).map(who),
            proposed: [...byName.values()].sort((a, b) => b.slots - a.slots),
            openReasons,
            backups: row.designated_backups,
        };
    });
    return { kind: 'principals', items, released };
}

/** The covers the absent person holds for others that approving releases and plans again. */
function ReleasedCovers({ released, name }: { released: Released; name: string }) {
    if (!released.length) return null;
    return (
        <ul class="impact-released" data-testid="own-covers-released">
            {released.map((r) => (
                <li key={r.principal}>{t('impact.ownCovers', { name, count: r.count, principal: r.principal, when: r.when })}</li>
            ))}
        </ul>
    );
}

/** "all day (09:00–17:00)", "afternoon (13:00–17:30)". */
function describeRange(r: string): string {
    const [s, e] = r.split('–');
    return `${partOfDay(s, e)} (${r})`;
}

const hours = (minutes: number) => t('impact.hours', { h: Math.round(minutes / 6) / 10 });

const days = (ds: DayLoss[]) => ds.map((d) => `${fmtDate(d.date)} ${d.ranges.map(describeRange).join(', ')}`).join('; ');

/** "Siim Lill (#1, away), Jaan Luik (#2)". */
function backupList(p: PrincipalImpact): string {
    if (!p.backups.length) return t('impact.noBackups', { name: p.name });
    const list = p.backups.map((b) => t(b.away ? 'impact.backupAway' : 'impact.backup', { name: b.name, rank: String(b.rank) }));
    return t('impact.backups', { list: list.join(', ') });
}

function PrincipalLine({ p }: { p: PrincipalImpact }) {
    const zone = p.timeZone !== browserZone() ? t('impact.zone', { tz: p.timeZone }) : '';
    const name = p.kind ? `${p.name} (${supportKind(p.kind)})` : p.name;
    const partly = p.partly.length > 0 ? ` ${t('impact.partly', { names: fmtList(p.partly), count: p.partly.length })}` : '';
    return (
        <li data-principal-id={p.id} data-time-zone={p.timeZone}>
            {p.uncovered.length === 0 ? (
                <p class="stays">
                    <span class="chip s-covered" aria-hidden="true">
                        ✓
                    </span>{' '}
                    {p.stays.length ? t('impact.staysBy', { name, names: fmtList(p.stays) }) : t('impact.stays', { name })}
                    {partly}
                </p>
            ) : (
                <p class="caused">
                    <span class="chip s-gap" aria-hidden="true">
                        ✕
                    </span>{' '}
                    {t('impact.caused', { name, hours: hours(p.minutes), days: days(p.uncovered), zone })}
                    {partly}
                </p>
            )}
            {p.existing.length > 0 && (
                <p class="hint existing">
                    {t('impact.existing', { hours: hours(p.existingMinutes), days: days(p.existing), zone })}
                </p>
            )}
            {(p.uncovered.length > 0 || p.existing.length > 0) && (
                <p class="hint proposed">
                    {p.proposed.length === 0
                        ? t('impact.noBackup')
                        : t('impact.proposed', { list: p.proposed.map((b) => `${b.name} (${b.reason})`).join(t('impact.proposedJoin')) })}
                    {p.openReasons.length > 0 && ` ${t('impact.leftOpen', { list: p.openReasons.join('; ') })}`}
                    {/* when the planner cannot cover all of it: whom the executive would have wanted */}
                    {(p.proposed.length === 0 || p.openReasons.length > 0) && <> {backupList(p)}</>}
                </p>
            )}
        </li>
    );
}

/** The coverage impact of approving a requested absence, per executive the person supports. */
export function ImpactList({ absence }: { absence: Absence }) {
    const impact = useAsync(() => loadImpact(absence), [absence.id]);
    return (
        <Show a={impact} what={t('impact.loading')}>
            {(im) => (
                <>
                    <ReleasedCovers released={im.released} name={im.name} />
                    {im.kind === 'none' ? (
                        <p>{im.reason}</p>
                    ) : (
                        <ul class="impact">
                            {im.items.map((p) => (
                                <PrincipalLine key={p.id} p={p} />
                            ))}
                        </ul>
                    )}
                </>
            )}
        </Show>
    );
}

/** The same list for an impact answered elsewhere (a training seat's what-if absences). */
export function ImpactOfAnswer({ answer, name }: { answer: AbsenceImpact; name: string }) {
    const im = impactOf(answer, name);
    return (
        <>
            <ReleasedCovers released={im.released} name={name} />
            {im.kind === 'none' ? (
                <p>{im.reason}</p>
            ) : (
                <ul class="impact">
                    {im.items.map((p) => (
                        <PrincipalLine key={p.id} p={p} />
                    ))}
                </ul>
            )}
        </>
    );
}

