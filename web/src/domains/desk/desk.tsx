// The desk (issue 10): an assistant's day, taking phone messages (keyboard-only, recent callers
// suggested), an executive's messages, the correspondence register and the manager's week plan
// with a move previewed before it is saved. Every string comes from the desk catalogs.
import type { components } from '../../gen/openapi';
import { useState } from 'preact/hooks';
import { Page, get, patch, post, request } from '../../api';
import { isManager, useAuth } from '../../auth';
import { locale, t, type Key } from '../../i18n';
import { href } from '../../router';
import { addDays, browserZone, localDate, localTime, localToUtc, iso, monday, today } from '../../time';
import { Empty, ErrorBox, Field, PageHead, Select, Show, TextArea, fieldError, useAsync } from '../../components/ui';
import { useAction } from '../../components/hooks';

type Schemas = components['schemas'];
export type Task = Schemas['Task'];
export type PhoneMessage = Schemas['PhoneMessage'];
export type Correspondence = Schemas['Correspondence'];

interface DayTask {
    id: number;
    title: string;
    principal_name?: string | null;
    estimate_minutes: number;
    due_at: string;
    priority: string;
    status: string;
    overdue: boolean;
    version: number;
    rrule?: string | null;
}
interface DayToArrange {
    id: number;
    principal_id: number;
    principal_name: string;
    with_whom: string;
    subject: string;
    duration_minutes: number;
    by_date: string | null;
    notes: string;
    overdue: boolean;
}
interface DayMessage {
    id: number;
    principal_name: string;
    caller: string;
    organisation: string;
    phone: string;
    email: string | null;
    message: string;
    urgency: string;
    action: string;
    taken_at: string;
    version: number;
}
interface DayCorr {
    id: number;
    principal_name: string;
    direction: string;
    kind: string;
    counterpart: string;
    subject: string;
    reference: string;
    reply_due: string;
    overdue: boolean;
}
interface MyDay {
    assistant_id: number | null;
    time_zone: string;
    date: string;
    executives: { id: number; name: string; via: string }[];
    tasks: DayTask[];
    messages: DayMessage[];
    correspondence: DayCorr[];
    meetings_to_arrange: DayToArrange[];
}
interface PlanDay {
    date: string;
    work_minutes: number;
    absent_minutes: number;
    task_minutes: number;
    over_booked: boolean;
    holiday: string | null;
    tasks: { id: number; title: string; estimate_minutes: number; due_at: string; status: string; recurring: boolean }[];
}
interface PlanAssistant {
    assistant_id: number;
    name: string;
    time_zone: string;
    contracted_minutes: number;
    work_minutes: number;
    task_minutes: number;
    over_booked_days: number;
    executives: { id: number; name: string }[];
    days: PlanDay[];
}
interface WeekPlan {
    from: string;
    to: string;
    assistants: PlanAssistant[];
}
interface Preview {
    from: string;
    to: string;
    before: PlanAssistant[];
    after: PlanAssistant[];
}

/** "Mon 14 Dec" of a date, in the page's language. */
function fmtDay(date: string): string {
    return new Intl.DateTimeFormat(locale(), { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}
/** "14 Dec, 09:30" of an instant in the shown person's zone. */
function fmtWhen(at: string, tz: string): string {
    return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: tz }).format(new Date(at));
}
function hours(min: number): string {
    return t('desk.hours', { h: new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(min / 60) });
}
const label = (prefix: string, v: string) => t(`${prefix}.${v}` as Key);

// ---- my day (assistants) ----

export function MyDayPage() {
    const { account, person } = useAuth();
    const [date, setDate] = useState(today());
    const tz = person?.time_zone || browserZone();
    const day = useAsync(() => get<MyDay>('/my-day', { date }), [date, account.id]);
    const act = useAction(() => day.reload());
    return (
        <section>
            <PageHead title={t('desk.myDay.title')}>
                <Field label={t('desk.date')} type="date" value={date} onValue={(v) => v && setDate(v)} />
            </PageHead>
            <ErrorBox error={act.error} onRetry={act.onRetry} />
            <Show a={day} what={t('desk.loading')}>
                {(d) => (
                    <div class="cards">
                        <section class="card wide">
                            <h2>{t('desk.myDay.tasks', { count: d.tasks.length })}</h2>
                            {d.tasks.length === 0 ? (
                                <Empty>{t('desk.myDay.noTasks')}</Empty>
                            ) : (
                                <ul class="plain">
                                    {d.tasks.map((x) => (
                                        <li key={`${x.id}-${x.due_at}`} class="card-row">
                                            <strong>{x.title}</strong> — {fmtWhen(x.due_at, tz)}, {t('desk.minutes', { count: x.estimate_minutes })}
                                            {x.principal_name ? ` · ${x.principal_name}` : ''} · <span class={`badge st-${x.status}`}>{label('desk.status', x.status)}</span>
                                            {x.overdue && <span class="badge st-rejected"> {t('desk.overdue')}</span>}
                                            {(x.status === 'open' || x.status === 'in_progress') && (
                                                <button
                                                    type="button"
                                                    class="btn small"
                                                    disabled={!!act.busy}
                                                    onClick={() =>
                                                        act.run(
                                                            async () => (
                                                                // A recurring task is done for this occurrence only, never the series.
                                                                x.rrule ? await post(`/tasks/${x.id}/occurrence`, { due_at: x.due_at, status: 'done' }) : await post(`/tasks/${x.id}/complete`),
                                                                day.reload()
                                                            ),
                                                            `c${x.id}`,
                                                        )
                                                    }
                                                >
                                                    {t('desk.task.complete')}
                                                </button>
                                            )}
                                        </li>
                                    ))}
                                </ul>
                            )}
                        </section>
                        <section class="card">
                            <h2>{t('desk.myDay.messages', { count: d.messages.length })}</h2>
                            {d.messages.length === 0 ? <Empty>{t('desk.messages.none')}</Empty> : <MessageList items={d.messages} tz={tz} onDone={() => day.reload()} />}
                        </section>
                        <section class="card">
                            <h2>{t('desk.myDay.replies', { count: d.correspondence.length })}</h2>
                            {d.correspondence.length === 0 ? (
                                <Empty>{t('desk.corr.noneDue')}</Empty>
                            ) : (
                                <ul class="plain">
                                    {d.correspondence.map((c) => (
                                        <li key={c.id}>
                                            <strong>{c.subject}</strong> ({c.counterpart}) · {c.principal_name} · {t('desk.corr.replyBy', { date: fmtDay(c.reply_due) })}
                                            {c.overdue && <span class="badge st-rejected"> {t('desk.overdue')}</span>}
                                        </li>
                                    ))}
                                </ul>
                            )}
                        </section>
                        <section class="card">
                            <h2>{t('desk.myDay.executives')}</h2>
                            <ul class="plain">
                                {d.executives.map((e) => (
                                    <li key={e.id}>
                                        {e.name} · {label('desk.via', e.via)}
                                    </li>
                                ))}
                            </ul>
                        </section>
                        <section class="card" aria-labelledby="arrange-h">
                            <h2 id="arrange-h">{t('desk.myDay.meetings', { count: d.meetings_to_arrange.length })}</h2>
                            {d.meetings_to_arrange.length === 0 ? (
                                <Empty>{t('desk.arrange.none')}</Empty>
                            ) : (
                                <ul class="plain to-arrange">
                                    {d.meetings_to_arrange.map((r) => (
                                        <li key={r.id} data-request={r.id}>
                                            <strong>{r.subject}</strong> · {r.with_whom} · {r.principal_name} · {t('desk.minutes', { count: r.duration_minutes })}
                                            {r.by_date && <> · {t('desk.arrange.by', { date: fmtDay(r.by_date) })}</>}
                                            {r.overdue && <span class="badge st-rejected"> {t('desk.overdue')}</span>}{' '}
                                            <a class="btn small" href={href('/meetings', { principal: r.principal_id, request: r.id })} aria-label={t('desk.arrange.findNamed', { subject: r.subject })}>
                                                {t('desk.arrange.find')}
                                            </a>
                                        </li>
                                    ))}
                                </ul>
                            )}
                        </section>
                        {account.role === 'assistant' && (
                            <section class="card wide">
                                <h2>{t('desk.take.title')}</h2>
                                <TakeMessage executives={d.executives} assistantId={account.person_id || 0} onTaken={() => day.reload()} />
                            </section>
                        )}
                    </div>
                )}
            </Show>
        </section>
    );
}

function MessageList({ items, tz, onDone }: { items: DayMessage[] | PhoneMessage[]; tz: string; onDone: () => void }) {
    const act = useAction(onDone);
    return (
        <>
            <ErrorBox error={act.error} onRetry={act.onRetry} />
            <ul class="plain">
                {(items as DayMessage[]).map((m) => (
                    <li key={m.id} class="card-row">
                        <p>
                            {m.urgency === 'urgent' && <span class="badge st-rejected">{t('desk.urgency.urgent')} </span>}
                            <strong>{m.caller}</strong>
                            {m.organisation ? ` (${m.organisation})` : ''} · {fmtWhen(m.taken_at, tz)} · {label('desk.action', m.action)}
                        </p>
                        {m.message && <p>{m.message}</p>}
                        <p class="muted">
                            {m.phone} {m.email || ''}
                        </p>
                        <button type="button" class="btn small" disabled={!!act.busy} onClick={() => act.run(async () => (await request('POST', `/phone-messages/${m.id}/done`, { body: {}, ifMatch: m.version }), onDone()), `d${m.id}`)}>
                            {t('desk.messages.done')}
                        </button>
                    </li>
                ))}
            </ul>
        </>
    );
}

interface Caller {
    caller: string;
    organisation: string;
    phone: string;
    email: string | null;
}

/** Taking a message: plain inputs in tab order, Enter submits, callers suggested as you type. */
function TakeMessage({ executives, assistantId, onTaken }: { executives: { id: number; name: string }[]; assistantId: number; onTaken: () => void }) {
    const empty = { principal: String(executives[0]?.id ?? ''), caller: '', organisation: '', phone: '', email: '', message: '', urgency: 'normal', action: 'call_back' };
    const [f, setF] = useState(empty);
    const [callers, setCallers] = useState<Caller[]>([]);
    const [saved, setSaved] = useState('');
    const act = useAction();
    const set = (k: keyof typeof empty) => (v: string) => setF((o) => ({ ...o, [k]: v }));
    async function typed(v: string) {
        const known = callers.find((c) => `${c.caller} (${c.organisation})` === v || c.caller === v);
        if (known) setF((o) => ({ ...o, caller: known.caller, organisation: known.organisation, phone: known.phone, email: known.email || '' }));
        else set('caller')(v);
        if (v.length >= 1 && !known) {
            try {
                setCallers((await get<{ items: Caller[] }>('/phone-callers', { q: v })).items);
            } catch {
                setCallers([]);
            }
        }
    }
    function submit(e: Event) {
        e.preventDefault();
        setSaved('');
        act.run(async () => {
            await post('/phone-messages', {
                principal_id: Number(f.principal),
                taken_by_id: assistantId,
                caller: f.caller,
                organisation: f.organisation,
                phone: f.phone,
                email: f.email || null,
                message: f.message,
                urgency: f.urgency,
                action: f.action,
                taken_at: iso(Date.now()),
            });
            setSaved(t('desk.take.saved', { caller: f.caller }));
            setF({ ...empty, principal: f.principal });
            onTaken();
        });
    }
    if (executives.length === 0) return <Empty>{t('desk.take.noExecutives')}</Empty>;
    return (
        <form onSubmit={submit} class="form-grid" aria-label={t('desk.take.title')}>
            <Select label={t('desk.field.principal')} value={f.principal} onValue={set('principal')} options={executives.map((e) => [String(e.id), e.name])} />
            <div class="field">
                <label for="desk-caller">{t('desk.field.caller')}</label>
                <input id="desk-caller" list="desk-callers" value={f.caller} onInput={(e) => typed((e.currentTarget as HTMLInputElement).value)} autocomplete="off" required />
                <datalist id="desk-callers">
                    {callers.map((c) => (
                        <option key={`${c.caller}|${c.organisation}`} value={`${c.caller} (${c.organisation})`} />
                    ))}
                </datalist>
                {fieldError(act.error, 'caller') && <p class="field-error">{fieldError(act.error, 'caller')}</p>}
            </div>
            <Field label={t('desk.field.organisation')} value={f.organisation} onValue={set('organisation')} error={fieldError(act.error, 'organisation')} />
            <Field label={t('desk.field.phone')} type="tel" value={f.phone} onValue={set('phone')} error={fieldError(act.error, 'phone')} />
            <Field label={t('desk.field.email')} type="email" value={f.email} onValue={set('email')} error={fieldError(act.error, 'email')} />
            <Select label={t('desk.field.action')} value={f.action} onValue={set('action')} options={['call_back', 'will_call_again', 'returned_call', 'no_action'].map((a) => [a, label('desk.action', a)])} />
            <Select label={t('desk.field.urgency')} value={f.urgency} onValue={set('urgency')} options={['normal', 'urgent'].map((a) => [a, label('desk.urgency', a)])} />
            <TextArea label={t('desk.field.message')} value={f.message} onValue={set('message')} rows={2} error={fieldError(act.error, 'message')} />
            <ErrorBox error={act.error} />
            <div class="btn-row">
                <button type="submit" class="btn primary" disabled={!!act.busy}>
                    {t('desk.take.save')}
                </button>
            </div>
            <p role="status" aria-live="polite">
                {saved}
            </p>
        </form>
    );
}

// ---- an executive's messages ----

export function MessagesPage() {
    const { account, person } = useAuth();
    const tz = person?.time_zone || browserZone();
    const id = account.person_id || 0;
    const msgs = useAsync(() => get<Page<PhoneMessage>>('/phone-messages', { status: 'open', ...(account.role === 'principal' ? { principal_id: id } : {}), limit: 200 }), [id]);
    return (
        <section>
            <PageHead title={t('desk.messages.title')} />
            <Show a={msgs} what={t('desk.loading')}>
                {(d) =>
                    d.items.length === 0 ? (
                        <Empty>{t('desk.messages.none')}</Empty>
                    ) : (
                        <section class="card wide">
                            <h2>{t('desk.messages.open', { count: d.items.length })}</h2>
                            <MessageList items={[...d.items].sort((a, b) => (a.urgency === b.urgency ? b.taken_at.localeCompare(a.taken_at) : a.urgency === 'urgent' ? -1 : 1))} tz={tz} onDone={() => msgs.reload()} />
                        </section>
                    )
                }
            </Show>
        </section>
    );
}

// ---- correspondence ----

export function CorrespondencePage() {
    const { account } = useAuth();
    const [status, setStatus] = useState('open');
    const list = useAsync(() => get<Page<Correspondence>>('/correspondence', { ...(status ? { status } : {}), limit: 200 }), [status]);
    const names = useAsync(async () => new Map((await get<Page<{ id: number; name: string }>>('/people', { limit: 500 }).catch(() => ({ items: [] as { id: number; name: string }[] }))).items.map((p) => [p.id, p.name])), [account.id]);
    const act = useAction(() => list.reload());
    const now = today();
    return (
        <section>
            <PageHead title={t('desk.corr.title')}>
                <Select label={t('desk.field.status')} value={status} onValue={setStatus} options={[['open', label('desk.cstatus', 'open')], ['answered', label('desk.cstatus', 'answered')], ['closed', label('desk.cstatus', 'closed')], ['', t('desk.all')]]} />
            </PageHead>
            <ErrorBox error={act.error} onRetry={act.onRetry} />
            <Show a={list} what={t('desk.loading')}>
                {(d) =>
                    d.items.length === 0 ? (
                        <Empty>{t('desk.corr.none')}</Empty>
                    ) : (
                        <div class="table-wrap">
                            <table>
                                <caption>{t('desk.corr.caption', { count: d.items.length })}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{t('desk.field.date')}</th>
                                        <th scope="col">{t('desk.field.direction')}</th>
                                        <th scope="col">{t('desk.field.subject')}</th>
                                        <th scope="col">{t('desk.field.counterpart')}</th>
                                        <th scope="col">{t('desk.field.principal')}</th>
                                        <th scope="col">{t('desk.field.replyDue')}</th>
                                        <th scope="col">{t('desk.field.status')}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {d.items.map((c) => (
                                        <tr key={c.id}>
                                            <td>{fmtDay(c.date)}</td>
                                            <td>
                                                {label('desk.direction', c.direction)} · {label('desk.kind', c.kind)}
                                            </td>
                                            <td>
                                                {c.subject}
                                                {c.reference ? ` (${c.reference})` : ''}
                                            </td>
                                            <td>{c.counterpart}</td>
                                            <td>{names.data?.get(c.principal_id) || `#${c.principal_id}`}</td>
                                            <td>
                                                {c.reply_due ? fmtDay(c.reply_due) : '—'}
                                                {c.status === 'open' && c.reply_due && c.reply_due < now && <span class="badge st-rejected"> {t('desk.overdue')}</span>}
                                            </td>
                                            <td>
                                                {label('desk.cstatus', c.status)}
                                                {c.status === 'open' && (
                                                    <button type="button" class="btn small" disabled={!!act.busy} onClick={() => act.run(async () => (await request('POST', `/correspondence/${c.id}/answer`, { body: {}, ifMatch: c.version }), list.reload()))}>
                                                        {t('desk.corr.answer')}
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
        </section>
    );
}

// ---- the manager's week plan ----

export function WeekPlanPage() {
    const [from, setFrom] = useState(monday(today()));
    const plan = useAsync(() => get<WeekPlan>('/week-plan', { from }), [from]);
    const [moving, setMoving] = useState<{ task: number; title: string; assistant: number; tz: string; due: string } | null>(null);
    return (
        <section>
            <PageHead title={t('desk.week.title')}>
                <button type="button" class="btn" onClick={() => setFrom(addDays(from, -7))}>
                    {t('desk.week.previous')}
                </button>
                <button type="button" class="btn" onClick={() => setFrom(addDays(from, 7))}>
                    {t('desk.week.next')}
                </button>
            </PageHead>
            <Show a={plan} what={t('desk.loading')}>
                {(p) => (
                    <>
                        <p>{t('desk.week.range', { from: fmtDay(p.from), to: fmtDay(p.to) })}</p>
                        {moving && <MoveDialog plan={p} moving={moving} onClose={() => setMoving(null)} onSaved={() => (setMoving(null), plan.reload())} />}
                        <div class="table-wrap">
                            <table class="week-plan">
                                <caption>{t('desk.week.caption')}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{t('desk.week.assistant')}</th>
                                        {p.assistants[0]?.days.map((d) => (
                                            <th scope="col" key={d.date}>
                                                {fmtDay(d.date)}
                                            </th>
                                        ))}
                                        <th scope="col">{t('desk.week.total')}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {p.assistants.map((a) => (
                                        <tr key={a.assistant_id}>
                                            <th scope="row">
                                                {a.name}
                                                <div class="muted">{a.executives.map((e) => e.name).join(', ') || t('desk.week.noExecutives')}</div>
                                            </th>
                                            {a.days.map((d) => (
                                                <td key={d.date} class={d.over_booked ? 'over' : undefined}>
                                                    <div>{t('desk.week.cell', { tasks: hours(d.task_minutes), work: hours(d.work_minutes) })}</div>
                                                    {d.holiday && <div class="muted">{d.holiday}</div>}
                                                    {d.absent_minutes > 0 && <div class="muted">{t('desk.week.away', { h: hours(d.absent_minutes) })}</div>}
                                                    {d.over_booked && <strong>{t('desk.week.overBooked')}</strong>}
                                                    <ul class="plain">
                                                        {d.tasks.map((x) => (
                                                            <li key={`${x.id}-${x.due_at}`}>
                                                                <button type="button" class="link" onClick={() => setMoving({ task: x.id, title: x.title, assistant: a.assistant_id, tz: a.time_zone, due: x.due_at })} aria-label={t('desk.week.moveTask', { title: x.title })}>
                                                                    {x.title}
                                                                </button>
                                                            </li>
                                                        ))}
                                                    </ul>
                                                </td>
                                            ))}
                                            <td>
                                                {t('desk.week.cell', { tasks: hours(a.task_minutes), work: hours(a.work_minutes) })}
                                                <div class="muted">{t('desk.week.contracted', { h: hours(a.contracted_minutes) })}</div>
                                            </td>
                                        </tr>
                                    ))}
                                </tbody>
                            </table>
                        </div>
                    </>
                )}
            </Show>
        </section>
    );
}

function MoveDialog({ plan, moving, onClose, onSaved }: { plan: WeekPlan; moving: { task: number; title: string; assistant: number; tz: string; due: string }; onClose: () => void; onSaved: () => void }) {
    const [assistant, setAssistant] = useState(String(moving.assistant));
    const [date, setDate] = useState(localDate(moving.due, moving.tz));
    const [preview, setPreview] = useState<Preview | null>(null);
    const act = useAction();
    const target = plan.assistants.find((a) => String(a.assistant_id) === assistant);
    const due = () => iso(localToUtc(date, localTime(moving.due, moving.tz), target?.time_zone || moving.tz));
    const show = () => act.run(async () => setPreview(await post<Preview>('/week-plan/preview', { task_id: moving.task, assistant_id: Number(assistant), due_at: due() })), 'preview');
    const save = () =>
        act.run(async () => {
            const cur = await get<Task>(`/tasks/${moving.task}`);
            await patch(`/tasks/${moving.task}`, { assistant_id: Number(assistant), due_at: due() }, cur.version);
            onSaved();
        }, 'save');
    return (
        <section class="card wide" aria-label={t('desk.move.title', { title: moving.title })}>
            <h2>{t('desk.move.title', { title: moving.title })}</h2>
            <Select label={t('desk.week.assistant')} value={assistant} onValue={(v) => (setAssistant(v), setPreview(null))} options={plan.assistants.map((a) => [String(a.assistant_id), a.name])} />
            <Field label={t('desk.date')} type="date" value={date} onValue={(v) => (setDate(v), setPreview(null))} />
            <ErrorBox error={act.error} />
            <div class="btn-row">
                <button type="button" class="btn" disabled={!!act.busy} onClick={show}>
                    {t('desk.move.preview')}
                </button>
                <button type="button" class="btn primary" disabled={!!act.busy || !preview} onClick={save}>
                    {t('desk.move.save')}
                </button>
                <button type="button" class="btn ghost" onClick={onClose}>
                    {t('desk.move.cancel')}
                </button>
            </div>
            {preview && (
                <ul class="plain" aria-live="polite">
                    {preview.after.map((a) => {
                        const b = preview.before.find((x) => x.assistant_id === a.assistant_id);
                        return (
                            <li key={a.assistant_id}>
                                <strong>{a.name}</strong>:{' '}
                                {t('desk.move.effect', { before: hours(b?.task_minutes || 0), after: hours(a.task_minutes), work: hours(a.work_minutes), over: a.over_booked_days })}
                            </li>
                        );
                    })}
                </ul>
            )}
        </section>
    );
}

// ---- the handover on an absence's review ----

interface HandoverTask {
    id: number;
    title: string;
    principal_name: string | null;
    due_at: string;
    proposed_assistant_name?: string;
    reason_code?: string;
}

export function Handover({ absenceId }: { absenceId: number }) {
    const { account, person } = useAuth();
    const tz = person?.time_zone || browserZone();
    const h = useAsync(() => (isManager(account.role) ? get<{ tasks: HandoverTask[] }>(`/absences/${absenceId}/handover`) : Promise.resolve({ tasks: [] })), [absenceId]);
    return (
        <Show a={h} what={t('desk.loading')}>
            {(d) =>
                d.tasks.length === 0 ? null : (
                    <div class="handover">
                        <h4>{t('desk.handover.title', { count: d.tasks.length })}</h4>
                        <ul class="plain">
                            {d.tasks.map((x) => (
                                <li key={x.id}>
                                    <strong>{x.title}</strong> ({fmtWhen(x.due_at, tz)}
                                    {x.principal_name ? `, ${x.principal_name}` : ''}) — {x.proposed_assistant_name ? t('desk.handover.to', { name: x.proposed_assistant_name }) : label('desk.handover.reason', x.reason_code || 'no_cover')}
                                </li>
                            ))}
                        </ul>
                    </div>
                )
            }
        </Show>
    );
}

// ---- the manager's Today page: replies due in the pool ----

export function OverdueReplies() {
    const d = useAsync(() => get<MyDay>('/my-day'), []);
    return (
        <section class="card" aria-labelledby="h-replies">
            <h2 id="h-replies">{t('desk.today.replies')}</h2>
            <Show a={d} what={t('desk.loading')}>
                {(day) => {
                    const overdue = day.correspondence.filter((c) => c.overdue);
                    return overdue.length === 0 ? (
                        <Empty>{t('desk.today.noneOverdue')}</Empty>
                    ) : (
                        <>
                            <p>{t('desk.today.overdue', { count: overdue.length })}</p>
                            <ul class="plain">
                                {overdue.slice(0, 5).map((c) => (
                                    <li key={c.id}>
                                        <strong>{c.subject}</strong> · {c.principal_name} · {t('desk.corr.replyBy', { date: fmtDay(c.reply_due) })}
                                    </li>
                                ))}
                            </ul>
                            <a href={href('/correspondence')}>{t('desk.today.open')}</a>
                        </>
                    );
                }}
            </Show>
        </section>
    );
}
