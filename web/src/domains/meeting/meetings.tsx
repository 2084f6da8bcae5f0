// The executive's meetings: the coming ones, the meetings still to arrange (recorded by the
// executive or their assistant; booking one closes it), and booking with find-a-time, which draws
// everyone's free time day by day so the choice is clear. Times are in the executive's zone.
import { useEffect, useState } from 'preact/hooks';
import { Page, Principal, PrincipalsOf, get, post, request as apiRequest } from '../../api';
import { isManager, useAuth } from '../../auth';
import { useAction } from '../../components/hooks';
import { Empty, ErrorBox, Field, PageHead, Select, Show, TextArea, fieldError, formError, useAsync } from '../../components/ui';
import { locale, t } from '../../i18n';
import { useRoute } from '../../router';
import { addDays, localDate, localToUtc, today } from '../../time';

interface Meeting {
    id: number;
    title: string;
    start_at: string;
    end_at: string;
    place: string;
    video_url: string;
    status: 'scheduled' | 'cancelled';
    principal_id: number;
}
interface Span {
    start: string;
    end: string;
}
interface Slot extends Span {
    score: number;
    tight: number[];
    optional_away: number[];
}
interface FoundPerson {
    person_id: number;
    name: string;
    time_zone: string;
    required: boolean;
    free: Span[];
}
interface Found {
    slots: Slot[];
    attendees: FoundPerson[];
}
interface Exec {
    id: number;
    name: string;
    time_zone: string;
}
/** A meeting to arrange (GET /meetings-to-arrange). */
export interface ToArrange {
    id: number;
    version: number;
    principal_id: number;
    with_whom: string;
    subject: string;
    duration_minutes: number;
    by_date: string | null;
    notes: string;
    status: 'open' | 'booked' | 'dropped';
}

/** "Mon 2 Mar, 16:00–17:00" in zone, in the reader's language. */
function fmtSpan(start: string, end: string, zone: string): string {
    const day = new Intl.DateTimeFormat(locale(), { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short' });
    const hm = new Intl.DateTimeFormat(locale(), { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    return `${day.format(new Date(start))}, ${hm.format(new Date(start))}–${hm.format(new Date(end))}`;
}
function fmtTime(at: number, zone: string): string {
    return new Intl.DateTimeFormat(locale(), { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at));
}
function fmtDay(date: string, zone: string): string {
    return new Intl.DateTimeFormat(locale(), { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short' }).format(
        new Date(localToUtc(date, '12:00', zone)),
    );
}

/** The executives the signed-in account may book for. */
async function loadExecs(role: string, personId: number | null | undefined): Promise<Exec[]> {
    if (isManager(role as never)) {
        const page = await get<Page<Principal>>('/principals', { limit: 200 });
        return page.items.map((p) => ({ id: p.id as number, name: p.name as string, time_zone: p.time_zone as string }));
    }
    if (!personId) return [];
    if (role === 'principal') {
        const p = await get<Principal>(`/principals/${personId}`);
        return [{ id: personId, name: p.name as string, time_zone: p.time_zone as string }];
    }
    const of = await get<PrincipalsOf>(`/assistants/${personId}/principals`);
    const out: Exec[] = [];
    for (const r of of.principals) {
        if (!r.principal_id || out.some((e) => e.id === r.principal_id)) continue;
        const p = await get<Principal>(`/principals/${r.principal_id}`);
        out.push({ id: r.principal_id, name: r.name, time_zone: p.time_zone as string });
    }
    return out;
}

/** Everyone's free time, one row per person and a column per day, drawn from 06:00 to 22:00. */
function Picture({ found, days, zone, chosen }: { found: Found; days: string[]; zone: string; chosen: Slot | null }) {
    const FROM = 6 * 60,
        TO = 22 * 60;
    const pos = (date: string, at: number) => {
        const m = (at - localToUtc(date, '00:00', zone)) / 60000;
        return Math.max(0, Math.min(100, ((m - FROM) / (TO - FROM)) * 100));
    };
    const bar = (date: string, s: Span, cls: string, label: string) => {
        const a = pos(date, Date.parse(s.start)),
            b = pos(date, Date.parse(s.end));
        if (b <= a) return null;
        return <span class={cls} style={{ left: `${a}%`, width: `${b - a}%` }} title={label} />;
    };
    return (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('meetings.picture')}>
            <table class="list free-picture">
                <caption>{t('meetings.picture')}</caption>
                <thead>
                    <tr>
                        <th scope="col">
                            <span class="sr-only">{t('meetings.executive')}</span>
                        </th>
                        {days.map((d) => (
                            <th scope="col" key={d}>
                                {fmtDay(d, zone)}
                            </th>
                        ))}
                    </tr>
                </thead>
                <tbody>
                    {found.attendees.map((p) => (
                        <tr key={p.person_id}>
                            <th scope="row">
                                {p.name}
                                {!p.required && <span class="hint"> ({t('meetings.form.optional')})</span>}
                            </th>
                            {days.map((d) => {
                                const spans = p.free.filter((s) => localDate(s.start, zone) === d || localDate(s.end, zone) === d);
                                const text = spans.length
                                    ? spans.map((s) => t('meetings.picture.free', { from: fmtTime(Date.parse(s.start), zone), to: fmtTime(Date.parse(s.end), zone) })).join(', ')
                                    : t('meetings.picture.none');
                                return (
                                    <td key={d}>
                                        <div class="day-bar" role="img" aria-label={text}>
                                            {spans.map((s) => bar(d, s, 'free', text))}
                                            {chosen && localDate(chosen.start, zone) === d && bar(d, chosen, 'chosen', '')}
                                        </div>
                                    </td>
                                );
                            })}
                        </tr>
                    ))}
                </tbody>
            </table>
        </div>
    );
}

function Booking({ exec, execs, request, onBooked }: { exec: Exec; execs: Exec[]; request: ToArrange | null; onBooked: () => void }) {
    const [title, setTitle] = useState(request?.subject ?? '');
    const [duration, setDuration] = useState(String(request?.duration_minutes ?? 60));
    const [from, setFrom] = useState(addDays(today(), 1));
    const [days, setDays] = useState('5');
    const [earliest, setEarliest] = useState('09:00');
    const [buffer, setBuffer] = useState('0');
    const [people, setPeople] = useState<Exec[]>([]);
    const [emails, setEmails] = useState('');
    const [place, setPlace] = useState('');
    const [found, setFound] = useState<Found | null>(null);
    const [chosen, setChosen] = useState<Slot | null>(null);
    const [done, setDone] = useState<string | null>(null);
    const finding = useAction();
    const booking = useAction();
    // A meeting to arrange chosen (from the list or my day): its subject and length.
    useEffect(() => {
        if (!request) return;
        setTitle(request.subject);
        setDuration(String(request.duration_minutes));
        setDone(null);
    }, [request?.id]);
    const nDays = Math.max(1, Math.min(31, Number(days) || 1));
    const dayList = Array.from({ length: nDays }, (_, i) => addDays(from, i));
    const attendees = () => [
        ...people.map((p) => ({ person_id: p.id })),
        ...emails
            .split(',')
            .map((e) => e.trim())
            .filter(Boolean)
            .map((email) => ({ email, required: false })),
    ];
    const find = () =>
        finding.run(async () => {
            setDone(null);
            setChosen(null);
            const r = await post<Found>('/meetings/find-time', {
                principal_id: exec.id,
                attendees: attendees(),
                from: new Date(localToUtc(from, '00:00', exec.time_zone)).toISOString().replace('.000', ''),
                to: new Date(localToUtc(addDays(from, nDays), '00:00', exec.time_zone)).toISOString().replace('.000', ''),
                duration_minutes: Number(duration) || 0,
                buffer_minutes: Number(buffer) || 0,
                earliest: earliest || undefined,
                count: 8,
            });
            setFound(r);
            setChosen(r.slots[0] ?? null);
        });
    const book = () =>
        booking.run(async () => {
            if (!chosen) return;
            const m = await post<Meeting & { mails_queued: number }>('/meetings', {
                principal_id: exec.id,
                title,
                start_at: chosen.start,
                duration_minutes: Number(duration) || 0,
                place,
                attendees: attendees(),
                request_id: request?.id,
            });
            setDone(t('meetings.booked', { title: m.title, count: m.mails_queued }));
            setFound(null);
            setChosen(null);
            onBooked();
        });
    const others = execs.filter((e) => e.id !== exec.id && !people.some((p) => p.id === e.id));
    return (
        <section aria-labelledby="book-h" id="booking">
            <h2 id="book-h">{t('meetings.book')}</h2>
            {request && request.status === 'open' && !done && (
                <p class="hint" role="status">
                    {t('meetings.arrange.arranging', { subject: request.subject, with: request.with_whom })}
                </p>
            )}
            {done && (
                <p class="ok" role="status">
                    {done}
                </p>
            )}
            <form
                class="form-grid"
                onSubmit={(e) => {
                    e.preventDefault();
                    find();
                }}
            >
                <Field label={t('meetings.form.title')} value={title} onValue={setTitle} error={fieldError(booking.error, 'title')} />
                <Field label={t('meetings.form.duration')} value={duration} onValue={setDuration} inputMode="numeric" error={fieldError(finding.error, 'duration_minutes')} />
                <Field label={t('meetings.form.from')} type="date" value={from} onValue={setFrom} />
                <Field label={t('meetings.form.days')} value={days} onValue={setDays} inputMode="numeric" />
                <Field label={t('meetings.form.earliest')} type="time" value={earliest} onValue={setEarliest} error={fieldError(finding.error, 'earliest')} />
                <Field label={t('meetings.form.buffer')} value={buffer} onValue={setBuffer} inputMode="numeric" error={fieldError(finding.error, 'buffer_minutes')} />
                <Select
                    label={t('meetings.form.attendee')}
                    value=""
                    onValue={(v) => {
                        const e = execs.find((x) => String(x.id) === v);
                        if (e) setPeople([...people, e]);
                    }}
                    options={[['', t('meetings.form.attendeeNone')], ...others.map((e): [string, string] => [String(e.id), e.name])]}
                />
                {people.length > 0 && (
                    <ul class="chips">
                        {people.map((p) => (
                            <li key={p.id}>
                                {p.name}{' '}
                                <button type="button" class="btn small" aria-label={t('meetings.form.remove', { name: p.name })} onClick={() => setPeople(people.filter((x) => x.id !== p.id))}>
                                    ×
                                </button>
                            </li>
                        ))}
                    </ul>
                )}
                <Field label={t('meetings.form.emails')} value={emails} onValue={setEmails} inputMode="email" error={fieldError(finding.error, 'attendees[0]')} />
                <Field label={t('meetings.form.place')} value={place} onValue={setPlace} error={fieldError(booking.error, 'place')} />
                <div class="actions">
                    <button type="submit" class="btn primary" disabled={!!finding.busy}>
                        {finding.busy ? t('meetings.finding') : t('meetings.find')}
                    </button>
                </div>
            </form>
            <ErrorBox error={finding.error} />
            {found && (
                <>
                    <h3>{t('meetings.slots')}</h3>
                    {found.slots.length === 0 ? (
                        <Empty>{t('meetings.noSlots')}</Empty>
                    ) : (
                        <fieldset class="slots">
                            <legend class="sr-only">{t('meetings.slots')}</legend>
                            {found.slots.map((s) => {
                                const when = fmtSpan(s.start, s.end, exec.time_zone);
                                const notes = [
                                    s.tight.length ? t('meetings.slot.tight', { count: s.tight.length }) : '',
                                    s.optional_away.length ? t('meetings.slot.away', { count: s.optional_away.length }) : '',
                                ].filter(Boolean);
                                return (
                                    <label key={s.start} class="slot">
                                        <input type="radio" name="slot" checked={chosen?.start === s.start} onChange={() => setChosen(s)} aria-label={t('meetings.slot.choose', { when })} />
                                        <span>{when}</span> <span class="hint">{notes.length ? notes.join('; ') : t('meetings.slot.good')}</span>
                                    </label>
                                );
                            })}
                        </fieldset>
                    )}
                    <p class="hint">{t('meetings.picture.hint', { zone: exec.time_zone })}</p>
                    <Picture found={found} days={dayList} zone={exec.time_zone} chosen={chosen} />
                    {chosen && (
                        <div class="actions">
                            <button type="button" class="btn primary" disabled={!!booking.busy} onClick={book}>
                                {t('meetings.confirm', { when: fmtSpan(chosen.start, chosen.end, exec.time_zone) })}
                            </button>
                        </div>
                    )}
                    <ErrorBox error={booking.error} />
                </>
            )}
        </section>
    );
}

/** The executive's open meetings to arrange: find a time for one, drop one, record a new one. */
function ToArrangeList({ exec, items, onChoose, onChanged }: { exec: Exec; items: ToArrange[]; onChoose: (r: ToArrange) => void; onChanged: () => void }) {
    const [withWhom, setWithWhom] = useState('');
    const [subject, setSubject] = useState('');
    const [duration, setDuration] = useState('60');
    const [by, setBy] = useState('');
    const [notes, setNotes] = useState('');
    const add = useAction();
    const act = useAction(onChanged);
    const submit = (e: Event) => {
        e.preventDefault();
        add.run(async () => {
            await post('/meetings-to-arrange', {
                principal_id: exec.id,
                with_whom: withWhom,
                subject,
                duration_minutes: Number(duration) || 0,
                by_date: by || null,
                notes,
            });
            setWithWhom('');
            setSubject('');
            setBy('');
            setNotes('');
            onChanged();
        });
    };
    return (
        <section aria-labelledby="arrange-h">
            <h2 id="arrange-h">{t('meetings.arrange.title')}</h2>
            <ErrorBox error={act.error} onRetry={act.onRetry} />
            {items.length === 0 ? (
                <Empty>{t('meetings.arrange.none')}</Empty>
            ) : (
                <ul class="plain to-arrange">
                    {items.map((r) => (
                        <li key={r.id} class="card-row" data-request={r.id}>
                            <strong>{r.subject}</strong> · {t('meetings.arrange.with', { with: r.with_whom })} · {t('meetings.arrange.minutes', { count: r.duration_minutes })}
                            {r.by_date && <> · {t('meetings.arrange.by', { date: fmtDay(r.by_date, exec.time_zone) })}</>}
                            {r.notes && <span class="hint"> · {r.notes}</span>}{' '}
                            <button type="button" class="btn small" aria-label={t('meetings.arrange.findNamed', { subject: r.subject })} onClick={() => onChoose(r)}>
                                {t('meetings.arrange.find')}
                            </button>{' '}
                            <button
                                type="button"
                                class="btn small"
                                disabled={!!act.busy}
                                aria-label={t('meetings.arrange.dropNamed', { subject: r.subject })}
                                onClick={() => act.run(async () => {
                                    await apiRequest('POST', `/meetings-to-arrange/${r.id}/drop`, { body: {}, ifMatch: r.version });
                                    onChanged();
                                })}
                            >
                                {t('meetings.arrange.drop')}
                            </button>
                        </li>
                    ))}
                </ul>
            )}
            <details>
                <summary>{t('meetings.arrange.add')}</summary>
                <form class="form-grid" onSubmit={submit}>
                    <ErrorBox error={formError(add.error, ['with_whom', 'subject', 'duration_minutes', 'by_date', 'notes'])} />
                    <Field label={t('meetings.arrange.withWhom')} value={withWhom} onValue={setWithWhom} error={fieldError(add.error, 'with_whom')} required />
                    <Field label={t('meetings.arrange.subject')} value={subject} onValue={setSubject} error={fieldError(add.error, 'subject')} required />
                    <Field label={t('meetings.arrange.duration')} value={duration} onValue={setDuration} inputMode="numeric" error={fieldError(add.error, 'duration_minutes')} />
                    <Field label={t('meetings.arrange.byDate')} type="date" value={by} onValue={setBy} error={fieldError(add.error, 'by_date')} />
                    <TextArea label={t('meetings.arrange.notes')} value={notes} onValue={setNotes} error={fieldError(add.error, 'notes')} rows={2} />
                    <div class="actions">
                        <button type="submit" class="btn" disabled={!!add.busy}>
                            {t('meetings.arrange.save')}
                        </button>
                    </div>
                </form>
            </details>
        </section>
    );
}

export function Meetings() {
    const { account } = useAuth();
    const route = useRoute();
    const execs = useAsync(() => loadExecs(account.role, account.person_id), [account.id]);
    const [sel, setSel] = useState<string>(route.query.get('principal') ?? '');
    const [chosen, setChosen] = useState<number | null>(Number(route.query.get('request')) || null);
    const list = execs.data ?? [];
    const exec = list.find((e) => String(e.id) === sel) ?? list[0];
    const toArrange = useAsync(
        () => (exec ? get<Page<ToArrange>>('/meetings-to-arrange', { principal_id: exec.id, status: 'open', limit: 100 }) : Promise.resolve({ items: [], next_cursor: null } as Page<ToArrange>)),
        [exec?.id],
    );
    const open = [...(toArrange.data?.items ?? [])].sort((a, b) => (a.by_date ?? '9999').localeCompare(b.by_date ?? '9999') || a.id - b.id);
    const request = open.find((r) => r.id === chosen) ?? null;
    const now = new Date();
    const meetings = useAsync(
        () =>
            exec
                ? get<Page<Meeting>>('/meetings', {
                      principal_id: exec.id,
                      from: now.toISOString().replace(/\.\d+Z$/, 'Z'),
                      to: new Date(now.getTime() + 60 * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z'),
                      limit: 100,
                  })
                : Promise.resolve({ items: [], next_cursor: null } as Page<Meeting>),
        [exec?.id],
    );
    const cancelling = useAction();
    return (
        <section>
            <PageHead title={t('meetings.title')} />
            <Show a={execs}>
                {(all) =>
                    all.length === 0 ? (
                        <Empty>{t('meetings.none')}</Empty>
                    ) : (
                        <>
                            {all.length > 1 && (
                                <Select
                                    label={t('meetings.executive')}
                                    value={String(exec?.id ?? '')}
                                    onValue={(v) => {
                                        setSel(v);
                                        setChosen(null);
                                    }}
                                    options={all.map((e): [string, string] => [String(e.id), e.name])}
                                />
                            )}
                            <h2>{t('meetings.upcoming')}</h2>
                            <ErrorBox error={cancelling.error} />
                            <Show a={meetings}>
                                {(page) =>
                                    page.items.length === 0 ? (
                                        <Empty>{t('meetings.none')}</Empty>
                                    ) : (
                                        <div class="table-wrap">
                                            <table class="list">
                                                <caption class="sr-only">{t('meetings.upcoming')}</caption>
                                                <thead>
                                                    <tr>
                                                        <th scope="col">{t('meetings.col.when')}</th>
                                                        <th scope="col">{t('meetings.col.title')}</th>
                                                        <th scope="col">{t('meetings.col.where')}</th>
                                                        <th scope="col">{t('meetings.col.status')}</th>
                                                        <th scope="col">
                                                            <span class="sr-only">{t('meetings.col.actions')}</span>
                                                        </th>
                                                    </tr>
                                                </thead>
                                                <tbody>
                                                    {[...page.items]
                                                        .sort((a, b) => a.start_at.localeCompare(b.start_at))
                                                        .map((m) => (
                                                            <tr key={m.id}>
                                                                <td>{fmtSpan(m.start_at, m.end_at, exec!.time_zone)}</td>
                                                                <td>{m.title}</td>
                                                                <td>{[m.place, m.video_url].filter(Boolean).join(', ')}</td>
                                                                <td>{t(m.status === 'cancelled' ? 'meetings.status.cancelled' : 'meetings.status.scheduled')}</td>
                                                                <td>
                                                                    {m.status === 'scheduled' && (
                                                                        <button
                                                                            type="button"
                                                                            class="btn small"
                                                                            disabled={!!cancelling.busy}
                                                                            onClick={() => cancelling.run(async () => {
                                                                                await post(`/meetings/${m.id}/cancel`, {});
                                                                                meetings.reload();
                                                                            })}
                                                                        >
                                                                            {t('meetings.cancel')}
                                                                        </button>
                                                                    )}
                                                                </td>
                                                            </tr>
                                                        ))}
                                                </tbody>
                                            </table>
                                        </div>
                                    )
                                }
                            </Show>
                            {exec && (
                                <ToArrangeList
                                    exec={exec}
                                    items={open}
                                    onChoose={(r) => {
                                        setChosen(r.id);
                                        document.getElementById('booking')?.scrollIntoView();
                                    }}
                                    onChanged={toArrange.reload}
                                />
                            )}
                            {exec && (
                                <Booking
                                    key={exec.id}
                                    exec={exec}
                                    execs={all}
                                    request={request}
                                    onBooked={() => {
                                        meetings.reload();
                                        toArrange.reload();
                                    }}
                                />
                            )}
                        </>
                    )
                }
            </Show>
        </section>
    );
}
