// Mediation cases (issue 13): the manager's Cases, the "My reports" of assistants and executives,
// and the case page with its timeline by visibility. Only the server decides who sees what; a
// page shows what GET /cases and GET /cases/{id} answer, nothing more.
import { useState } from 'preact/hooks';
import { Case as CaseBase, get, listAll, post } from '../../api';
import { useAuth } from '../../auth';
import { t, type Key } from '../../i18n';
import { href } from '../../router';
import * as store from '../../store';
import { browserZone, fmtDate, fmtInstant, fmtSpan, localToUtc, today } from '../../time';
import { Empty, ErrorBox, Field, PageHead, Select, Show, TextArea, fieldError, formError, useAsync } from '../../components/ui';

interface Party {
    person_id: number;
    name: string;
    kind: 'assistant' | 'principal';
    may_view?: boolean;
}
interface Entry {
    id: number;
    created_at: string;
    kind: string;
    visibility: 'manager' | 'author' | 'parties';
    author_name: string;
    author_person: number | null;
    body: string;
}
interface Session {
    id: number;
    title: string;
    start_at: string;
    end_at: string;
    attendees: number[];
    location: string;
    organizer_id?: number | null;
}
interface Action {
    id: number;
    version: number;
    description: string;
    owner_id: number | null;
    owner_name: string;
    due_date: string;
    done: boolean;
    next_reminder?: { kind: 'due' | 'overdue'; on: string } | null;
}
interface Slot {
    start: string;
    end: string;
}
type Case = CaseBase & {
    parties: Party[];
    entries?: Entry[];
    sessions?: Session[];
    actions?: Action[];
    incompatible_pairs?: { assistant_id: number; principal_id: number }[];
};

const CATEGORIES = ['workload', 'communication', 'conduct', 'conflicting_instructions', 'personality', 'other'];
const SEVERITIES = ['low', 'medium', 'high'];
const STATUSES = ['reported', 'in_review', 'mediation', 'agreed_actions', 'monitoring', 'closed'];
const OUTCOMES = ['resolved', 'reassigned', 'escalated', 'withdrawn'];

const k = (prefix: string, v: string) => t(`${prefix}.${v}` as Key);

function StatusOf({ c }: { c: CaseBase }) {
    return (
        <span class={`badge st-${c.status}`}>
            {k('case.status', c.status)}
            {c.outcome ? ` · ${k('case.outcome', c.outcome)}` : ''}
        </span>
    );
}

function CaseList({ items }: { items: Case[] }) {
    if (items.length === 0) return <Empty>{t('cases.none')}</Empty>;
    return (
        <ul class="cases">
            {items.map((c) => (
                <li key={c.id} class="case-card" data-case-id={c.id}>
                    <a href={href(`/cases/${c.id}`)}>{t('case.title', { id: c.id, category: k('case.category', c.category) })}</a> <StatusOf c={c} />{' '}
                    <span class={`badge sev-${c.severity}`}>{k('case.severity', c.severity ?? 'medium')}</span>
                    <p class="muted">{c.parties.map((p) => p.name).join(' · ')}</p>
                </li>
            ))}
        </ul>
    );
}

/* ---------- the manager's Cases ---------- */

export function Cases() {
    const [status, setStatus] = useState('');
    const [showForm, setShowForm] = useState(false);
    const list = useAsync(() => listAll<Case>('/cases', { status: status || undefined }), [status]);
    return (
        <section>
            <PageHead title={t('cases.title')}>
                <button type="button" class="btn primary" aria-expanded={showForm ? 'true' : 'false'} onClick={() => setShowForm(!showForm)}>
                    {t('cases.open')}
                </button>
            </PageHead>
            <p class="muted">{t('cases.confidential')}</p>
            {showForm && <OpenForm onDone={(id) => (location.href = href(`/cases/${id}`))} />}
            <form class="filters" onSubmit={(e) => e.preventDefault()}>
                <Select
                    label={t('cases.filter')}
                    value={status}
                    onValue={setStatus}
                    options={[['', t('cases.all')] as [string, string], ...STATUSES.map((s): [string, string] => [s, k('case.status', s)])]}
                />
            </form>
            <Show a={list} what={t('cases.loading')}>
                {(items) => <CaseList items={items} />}
            </Show>
        </section>
    );
}

function OpenForm({ onDone }: { onDone: (id: number) => void }) {
    const people = useAsync(() => Promise.all([store.assistants(), store.principals()]), []);
    const [assistant, setAssistant] = useState('');
    const [principal, setPrincipal] = useState('');
    const [category, setCategory] = useState('communication');
    const [severity, setSeverity] = useState('medium');
    const [summary, setSummary] = useState('');
    const [err, setErr] = useState<unknown>(null);
    const [busy, setBusy] = useState(false);
    async function submit(e: Event) {
        e.preventDefault();
        setBusy(true);
        setErr(null);
        try {
            const c = await post<Case>('/cases', { category, severity, summary, parties: [Number(assistant), Number(principal)].filter((x) => x > 0) });
            onDone(c.id);
        } catch (x) {
            setErr(x);
        } finally {
            setBusy(false);
        }
    }
    return (
        <Show a={people} what={t('cases.loading')}>
            {([as, ps]) => (
                <form class="card form" aria-label={t('cases.open')} onSubmit={submit}>
                    <Select label={t('case.assistant')} value={assistant} onValue={setAssistant} options={[['', t('case.choose')] as [string, string], ...as.map((a): [string, string] => [String(a.id), a.name])]} error={fieldError(err, 'parties')} />
                    <Select label={t('case.principal')} value={principal} onValue={setPrincipal} options={[['', t('case.choose')] as [string, string], ...ps.map((p): [string, string] => [String(p.id), p.name])]} />
                    <Select label={t('case.categoryLabel')} value={category} onValue={setCategory} options={CATEGORIES.map((c): [string, string] => [c, k('case.category', c)])} />
                    <Select label={t('case.severityLabel')} value={severity} onValue={setSeverity} options={SEVERITIES.map((s): [string, string] => [s, k('case.severity', s)])} />
                    <TextArea label={t('case.summaryLabel')} value={summary} onValue={setSummary} error={fieldError(err, 'summary')} />
                    <ErrorBox error={formError(err, ['parties', 'summary'])} />
                    <button class="btn primary" type="submit" disabled={busy}>
                        {t('cases.openSubmit')}
                    </button>
                </form>
            )}
        </Show>
    );
}

/* ---------- "My reports" of assistants and executives ---------- */

export function MyReports() {
    const { account } = useAuth();
    const me = account.person_id || 0;
    const list = useAsync(() => listAll<Case>('/cases'), []);
    const [showForm, setShowForm] = useState(false);
    const [notice, setNotice] = useState(false);
    return (
        <section>
            <PageHead title={t('reports.title')}>
                {me > 0 && (
                    <button type="button" class="btn primary" aria-expanded={showForm ? 'true' : 'false'} onClick={() => setShowForm(!showForm)}>
                        {t('reports.raise')}
                    </button>
                )}
            </PageHead>
            <p class="muted">{t('reports.intro')}</p>
            {notice && (
                <p class="notice" role="status">
                    {t('reports.sent')}
                </p>
            )}
            {showForm && (
                <RaiseForm
                    onDone={() => {
                        setShowForm(false);
                        setNotice(true);
                        list.reload();
                    }}
                />
            )}
            <Show a={list} what={t('cases.loading')}>
                {(items) => <CaseList items={items} />}
            </Show>
        </section>
    );
}

function RaiseForm({ onDone }: { onDone: () => void }) {
    const { account } = useAuth();
    const me = account.person_id || 0;
    const assistant = account.role === 'assistant';
    // The people one works with: an assistant's executives, an executive's assistants.
    const others = useAsync(async () => {
        if (assistant) {
            const r = await get<{ principals: { principal_id: number; name: string }[] }>(`/assistants/${me}/principals`);
            return r.principals.map((p): [string, string] => [String(p.principal_id), p.name]);
        }
        const r = await get<{ supporters: { assistant_id?: number | null; name: string; kind: string }[] }>(`/principals/${me}/supporters`);
        return r.supporters.filter((s) => s.assistant_id && s.kind !== 'backup').map((s): [string, string] => [String(s.assistant_id), s.name]);
    }, [me]);
    const [about, setAbout] = useState('');
    const [category, setCategory] = useState('communication');
    const [severity, setSeverity] = useState('medium');
    const [statement, setStatement] = useState('');
    const [err, setErr] = useState<unknown>(null);
    const [busy, setBusy] = useState(false);
    async function submit(e: Event) {
        e.preventDefault();
        setBusy(true);
        setErr(null);
        try {
            await post<Case>('/cases', { about: Number(about), category, severity, statement });
            onDone();
        } catch (x) {
            setErr(x);
        } finally {
            setBusy(false);
        }
    }
    return (
        <Show a={others} what={t('cases.loading')}>
            {(opts) => (
                <form class="card form" aria-label={t('reports.raise')} onSubmit={submit}>
                    <p class="muted">{t('reports.private')}</p>
                    <Select label={assistant ? t('reports.aboutExecutive') : t('reports.aboutAssistant')} value={about} onValue={setAbout} options={[['', t('case.choose')] as [string, string], ...opts]} error={fieldError(err, 'about')} />
                    <Select label={t('case.categoryLabel')} value={category} onValue={setCategory} options={CATEGORIES.map((c): [string, string] => [c, k('case.category', c)])} />
                    <Select label={t('case.severityLabel')} value={severity} onValue={setSeverity} options={SEVERITIES.map((s): [string, string] => [s, k('case.severity', s)])} />
                    <TextArea label={t('reports.statement')} value={statement} onValue={setStatement} error={fieldError(err, 'statement')} rows={6} />
                    <ErrorBox error={formError(err, ['about', 'statement'])} />
                    <button class="btn primary" type="submit" disabled={busy}>
                        {t('reports.send')}
                    </button>
                </form>
            )}
        </Show>
    );
}

/* ---------- the case page ---------- */

/** The workflow's actions a manager may take from each status (wf_case on the server). */
const NEXT: Record<string, string[]> = {
    reported: ['review', 'withdraw'],
    in_review: ['mediate', 'withdraw'],
    mediation: ['agree'],
    agreed_actions: ['monitor'],
    monitoring: ['mediate'],
    closed: [],
};

export function CasePage({ params }: { params: Record<string, string> }) {
    const { account, person } = useAuth();
    const manager = account.role === 'manager';
    const tz = person?.time_zone || browserZone();
    const id = Number(params.id);
    const c = useAsync(() => get<Case>(`/cases/${id}`), [id]);
    const [err, setErr] = useState<unknown>(null);
    async function act(name: string, body: object = {}) {
        setErr(null);
        try {
            const cur = c.data!;
            await post(`/cases/${cur.id}/${name}`, body);
            c.reload();
        } catch (e) {
            setErr(e);
        }
    }
    return (
        <Show a={c} what={t('cases.loading')}>
            {(cs) => {
                const open = cs.status !== 'closed';
                const entries = (cs.entries || []).slice().sort((a, b) => a.created_at.localeCompare(b.created_at));
                const mineRaised = cs.raised_by && cs.raised_by === account.person_id;
                return (
                    <section>
                        <PageHead title={t('case.title', { id: cs.id, category: k('case.category', cs.category) })} />
                        <p>
                            <StatusOf c={cs} /> <span class={`badge sev-${cs.severity}`}>{k('case.severity', cs.severity ?? 'medium')}</span>
                        </p>
                        <p class="muted">{t('case.partiesLine', { names: cs.parties.map((p) => p.name).join(', ') })}</p>
                        {cs.summary && <p>{cs.summary}</p>}
                        {cs.review_date && <p>{t('case.reviewOn', { date: fmtDate(cs.review_date, true) })}</p>}
                        {cs.outcome_note && <p>{t('case.closingNote', { note: cs.outcome_note })}</p>}
                        {cs.purged && <p class="notice">{t('case.purged')}</p>}
                        {(cs.incompatible_pairs || []).length > 0 && (
                            <div class="notice" role="status">
                                <p>
                                    {t('case.incompatible', {
                                        pairs: (cs.incompatible_pairs || [])
                                            .map((p) => `${cs.parties.find((x) => x.person_id === p.assistant_id)?.name} – ${cs.parties.find((x) => x.person_id === p.principal_id)?.name}`)
                                            .join(', '),
                                    })}
                                </p>
                                <ul class="plain">
                                    {(cs.incompatible_pairs || []).map((p) => (
                                        <li key={`${p.assistant_id}-${p.principal_id}`}>
                                            <a class="find-another" href={href('/matching', { principal: p.principal_id, exclude: p.assistant_id })}>
                                                {t('case.findAnother', { name: cs.parties.find((x) => x.person_id === p.principal_id)?.name ?? '' })}
                                            </a>
                                        </li>
                                    ))}
                                </ul>
                            </div>
                        )}
                        <ErrorBox error={err} />
                        {manager && open && (
                            <div class="page-actions case-actions">
                                {NEXT[cs.status].map((a) =>
                                    a === 'monitor' ? null : (
                                        <button key={a} type="button" class="btn" onClick={() => act(a)}>
                                            {k('case.action', a)}
                                        </button>
                                    ),
                                )}
                            </div>
                        )}
                        {!manager && open && mineRaised && (cs.status === 'reported' || cs.status === 'in_review') && (
                            <button type="button" class="btn" onClick={() => act('withdraw')}>
                                {k('case.action', 'withdraw')}
                            </button>
                        )}
                        {manager && open && cs.status === 'agreed_actions' && <MonitorForm onDone={(d) => act('monitor', { review_date: d })} />}
                        {manager && open && <CloseForm onDone={(o, n) => act('close', { outcome: o, note: n })} />}
                        {manager && (
                            <section aria-labelledby="h-parties">
                                <h2 id="h-parties">{t('case.parties')}</h2>
                                <ul class="plain">
                                    {cs.parties.map((p) => (
                                        <li key={p.person_id}>
                                            {p.name} ({k('case.kind', p.kind)}) — {p.may_view ? t('case.mayView') : t('case.mayNotView')}{' '}
                                            <button
                                                type="button"
                                                class="btn small"
                                                onClick={async () => {
                                                    setErr(null);
                                                    try {
                                                        await post(`/cases/${cs.id}/parties`, { person_id: p.person_id, may_view: !p.may_view });
                                                        c.reload();
                                                    } catch (e) {
                                                        setErr(e);
                                                    }
                                                }}
                                            >
                                                {p.may_view ? t('case.hideFrom', { name: p.name }) : t('case.showTo', { name: p.name })}
                                            </button>
                                        </li>
                                    ))}
                                </ul>
                            </section>
                        )}
                        <section aria-labelledby="h-timeline">
                            <h2 id="h-timeline">{t('case.timeline')}</h2>
                            {entries.length === 0 ? (
                                <Empty>{t('case.noEntries')}</Empty>
                            ) : (
                                <ol class="timeline">
                                    {entries.map((e) => (
                                        <li key={e.id} class={`entry vis-${e.visibility}`}>
                                            <p class="muted">
                                                {fmtInstant(e.created_at, tz)} · {k('case.entryKind', e.kind)} · {e.author_name || t('case.manager')} ·{' '}
                                                <span class="badge">{k('case.visibility', e.visibility)}</span>
                                            </p>
                                            <p class="entry-body">{e.body}</p>
                                        </li>
                                    ))}
                                </ol>
                            )}
                            {open && <EntryForm manager={manager} onDone={c.reload} caseId={cs.id} />}
                        </section>
                        <section aria-labelledby="h-sessions">
                            <h2 id="h-sessions">{t('case.sessions')}</h2>
                            {(cs.sessions || []).length === 0 ? (
                                <Empty>{t('case.noSessions')}</Empty>
                            ) : (
                                <ul class="plain">
                                    {(cs.sessions || []).map((s) => (
                                        <li key={s.id}>
                                            {fmtSpan(s.start_at, s.end_at, tz)} — {s.title}
                                            {s.location ? ` (${s.location})` : ''}
                                        </li>
                                    ))}
                                </ul>
                            )}
                            {manager && open && <SessionFinder c={cs} tz={tz} onDone={c.reload} />}
                            {manager && open && <SessionForm c={cs} tz={tz} onDone={c.reload} />}
                        </section>
                        <section aria-labelledby="h-actions">
                            <h2 id="h-actions">{t('case.actions')}</h2>
                            {(cs.actions || []).length === 0 ? (
                                <Empty>{t('case.noActions')}</Empty>
                            ) : (
                                <ul class="plain">
                                    {(cs.actions || []).map((a) => (
                                        <li key={a.id}>
                                            {a.description} — {t('case.due', { date: fmtDate(a.due_date, true) })}
                                            {a.owner_name ? ` · ${a.owner_name}` : ''}
                                            {a.done ? ` · ${t('case.done')}` : ''}
                                            {manager && a.next_reminder && (
                                                <span class="muted next-reminder"> · {t(`case.nextReminder.${a.next_reminder.kind}` as Key, { date: fmtDate(a.next_reminder.on, true) })}</span>
                                            )}
                                        </li>
                                    ))}
                                </ul>
                            )}
                            {manager && open && <ActionForm c={cs} onDone={c.reload} />}
                        </section>
                    </section>
                );
            }}
        </Show>
    );
}

function EntryForm({ manager, caseId, onDone }: { manager: boolean; caseId: number; onDone: () => void }) {
    const [body, setBody] = useState('');
    const [kind, setKind] = useState(manager ? 'note' : 'statement');
    const [visibility, setVisibility] = useState(manager ? 'manager' : 'author');
    const [err, setErr] = useState<unknown>(null);
    const kinds = manager ? ['note', 'statement', 'meeting_note', 'action_note'] : ['statement'];
    const vis = manager ? ['manager', 'author', 'parties'] : ['author', 'parties'];
    async function submit(e: Event) {
        e.preventDefault();
        setErr(null);
        try {
            await post(`/cases/${caseId}/entries`, { body, kind, visibility });
            setBody('');
            onDone();
        } catch (x) {
            setErr(x);
        }
    }
    return (
        <form class="card form" aria-label={t('case.addEntry')} onSubmit={submit}>
            {manager && <Select label={t('case.entryKindLabel')} value={kind} onValue={setKind} options={kinds.map((x): [string, string] => [x, k('case.entryKind', x)])} />}
            <Select label={t('case.visibilityLabel')} value={visibility} onValue={setVisibility} options={vis.map((x): [string, string] => [x, k('case.visibility', x)])} />
            <TextArea label={t('case.entryText')} value={body} onValue={setBody} error={fieldError(err, 'body')} />
            <ErrorBox error={formError(err, ['body'])} />
            <button class="btn" type="submit">
                {t('case.addEntry')}
            </button>
        </form>
    );
}

/** Find-a-time for a session: the parties together or one alone, across their calendars and the
 * manager's; each free time found books with one click. */
function SessionFinder({ c, tz, onDone }: { c: Case; tz: string; onDone: () => void }) {
    const [who, setWho] = useState('all');
    const [from, setFrom] = useState(today());
    const [days, setDays] = useState('14');
    const [minutes, setMinutes] = useState('60');
    const [location, setLocation] = useState('');
    const [slots, setSlots] = useState<Slot[] | null>(null);
    const [err, setErr] = useState<unknown>(null);
    const attendees = () => (who === 'all' ? c.parties.map((p) => p.person_id) : [Number(who)]);
    async function find(e: Event) {
        e.preventDefault();
        setErr(null);
        setSlots(null);
        try {
            const start = localToUtc(from, '00:00', tz);
            const end = start + Math.max(1, Math.min(62, Number(days) || 14)) * 86400e3;
            const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
            const r = await post<{ slots: Slot[] }>(`/cases/${c.id}/sessions/find-time`, {
                attendees: attendees(),
                from: iso(start),
                to: iso(end),
                duration_minutes: Number(minutes) || 60,
                count: 8,
            });
            setSlots(r.slots);
        } catch (x) {
            setErr(x);
        }
    }
    async function book(s: Slot) {
        setErr(null);
        try {
            await post(`/cases/${c.id}/sessions`, { start_at: s.start, end_at: s.end, attendees: attendees(), location });
            setSlots(null);
            onDone();
        } catch (x) {
            setErr(x);
        }
    }
    return (
        <form class="card form session-finder" aria-label={t('case.findTime')} onSubmit={find}>
            <p class="muted">{t('case.findTimeHelp')}</p>
            <Select
                label={t('case.findWho')}
                value={who}
                onValue={setWho}
                options={[['all', t('case.findTogether')] as [string, string], ...c.parties.map((p): [string, string] => [String(p.person_id), t('case.findAlone', { name: p.name })])]}
            />
            <Field label={t('case.findFrom')} type="date" value={from} onValue={setFrom} error={fieldError(err, 'from')} />
            <Field label={t('case.findDays')} type="number" value={days} onValue={setDays} error={fieldError(err, 'to')} />
            <Field label={t('case.findMinutes')} type="number" value={minutes} onValue={setMinutes} error={fieldError(err, 'duration_minutes')} />
            <Field label={t('case.sessionLocation')} value={location} onValue={setLocation} />
            <ErrorBox error={formError(err, ['from', 'to', 'duration_minutes'])} />
            <button class="btn" type="submit">
                {t('case.findTime')}
            </button>
            {slots && slots.length === 0 && <Empty>{t('case.findNone')}</Empty>}
            {slots && slots.length > 0 && (
                <ul class="plain slots" aria-label={t('case.findSlots')}>
                    {slots.map((s) => (
                        <li key={s.start}>
                            {fmtSpan(s.start, s.end, tz)}{' '}
                            <button type="button" class="btn small" onClick={() => book(s)}>
                                {t('case.bookSlot', { when: fmtSpan(s.start, s.end, tz) })}
                            </button>
                        </li>
                    ))}
                </ul>
            )}
        </form>
    );
}

function SessionForm({ c, tz, onDone }: { c: Case; tz: string; onDone: () => void }) {
    const [date, setDate] = useState(today());
    const [start, setStart] = useState('10:00');
    const [end, setEnd] = useState('11:00');
    const [location, setLocation] = useState('');
    const [err, setErr] = useState<unknown>(null);
    async function submit(e: Event) {
        e.preventDefault();
        setErr(null);
        try {
            await post(`/cases/${c.id}/sessions`, {
                start_at: new Date(localToUtc(date, start, tz)).toISOString().replace('.000Z', 'Z'),
                end_at: new Date(localToUtc(date, end, tz)).toISOString().replace('.000Z', 'Z'),
                attendees: c.parties.map((p) => p.person_id),
                location,
            });
            onDone();
        } catch (x) {
            setErr(x);
        }
    }
    return (
        <form class="card form" aria-label={t('case.addSession')} onSubmit={submit}>
            <p class="muted">{t('case.sessionNeutral')}</p>
            <Field label={t('case.sessionDate')} type="date" value={date} onValue={setDate} />
            <Field label={t('case.sessionStart')} type="time" value={start} onValue={setStart} />
            <Field label={t('case.sessionEnd')} type="time" value={end} onValue={setEnd} error={fieldError(err, 'end_at')} />
            <Field label={t('case.sessionLocation')} value={location} onValue={setLocation} />
            <ErrorBox error={formError(err, ['end_at'])} />
            <button class="btn" type="submit">
                {t('case.addSession')}
            </button>
        </form>
    );
}

function ActionForm({ c, onDone }: { c: Case; onDone: () => void }) {
    const [description, setDescription] = useState('');
    const [owner, setOwner] = useState('');
    const [due, setDue] = useState(today());
    const [err, setErr] = useState<unknown>(null);
    async function submit(e: Event) {
        e.preventDefault();
        setErr(null);
        try {
            await post(`/cases/${c.id}/actions`, { description, owner_id: owner ? Number(owner) : null, due_date: due });
            setDescription('');
            onDone();
        } catch (x) {
            setErr(x);
        }
    }
    return (
        <form class="card form" aria-label={t('case.addAction')} onSubmit={submit}>
            <Field label={t('case.actionText')} value={description} onValue={setDescription} error={fieldError(err, 'description')} />
            <Select label={t('case.actionOwner')} value={owner} onValue={setOwner} options={[['', t('case.nobody')] as [string, string], ...c.parties.map((p): [string, string] => [String(p.person_id), p.name])]} />
            <Field label={t('case.actionDue')} type="date" value={due} onValue={setDue} error={fieldError(err, 'due_date')} />
            <ErrorBox error={formError(err, ['description', 'due_date'])} />
            <button class="btn" type="submit">
                {t('case.addAction')}
            </button>
        </form>
    );
}

function MonitorForm({ onDone }: { onDone: (date: string) => void }) {
    const [date, setDate] = useState(today());
    return (
        <form
            class="card form"
            aria-label={k('case.action', 'monitor')}
            onSubmit={(e) => {
                e.preventDefault();
                onDone(date);
            }}
        >
            <Field label={t('case.reviewDate')} type="date" value={date} onValue={setDate} />
            <button class="btn" type="submit">
                {k('case.action', 'monitor')}
            </button>
        </form>
    );
}

function CloseForm({ onDone }: { onDone: (outcome: string, note: string) => void }) {
    const [outcome, setOutcome] = useState('resolved');
    const [note, setNote] = useState('');
    return (
        <form
            class="card form"
            aria-label={k('case.action', 'close')}
            onSubmit={(e) => {
                e.preventDefault();
                onDone(outcome, note);
            }}
        >
            <Select label={t('case.outcomeLabel')} value={outcome} onValue={setOutcome} options={OUTCOMES.map((o): [string, string] => [o, k('case.outcome', o)])} />
            <Field label={t('case.closingNoteLabel')} value={note} onValue={setNote} />
            <button class="btn" type="submit">
                {k('case.action', 'close')}
            </button>
        </form>
    );
}
