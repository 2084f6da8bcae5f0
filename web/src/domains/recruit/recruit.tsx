// Recruiting (issue 12), the managers' pages: the requisitions with their counts per stage, a new
// requisition (prefilled from the executive's template), approving it and writing and
// publishing its postings for the public careers page; a requisition's pipeline board (a column
// per stage with its count and the average time spent in it, the open candidates ranked with
// the ranking's explanation, the workflow's actions); and the candidate's page (details, the
// resume's text, the cover note, the stage history, the offer (offer.tsx), hire with the
// proposed assignment, export and erase). Times are shown in the browser's zone: a candidate has none of their own.
import { useState } from 'preact/hooks';
import { ApiError, get, patch, post, request } from '../../api';
import { useAction } from '../../components/hooks';
import { Checkbox, Dialog, Empty, ErrorBox, Field, PageHead, Select, Show, TextArea, fieldError, useAsync } from '../../components/ui';
import { fmtList, fmtNumber, locale, t, type Key } from '../../i18n';
import { href, navigate } from '../../router';
import * as store from '../../store';
import { fmtDate, fmtInstant, today } from '../../time';
import { type Candidate, InterviewsSection } from './interview';
import { OfferBadge, OfferPanel } from './offer';
import { GonePage, SubmitCancel, closeThen } from './parts';

interface Requisition {
    id: number;
    version: number;
    title: string;
    reason: string;
    reason_person_id: number | null;
    principal_id: number;
    duties: string[];
    must_skills: string[];
    languages: string[];
    office: string;
    hours_per_week: number;
    start_date: string | null;
    salary_min: number | null;
    salary_max: number | null;
    status: string;
    decided_by: string | null;
}
interface Posting {
    id: number;
    version: number;
    requisition_id: number;
    lang: 'et' | 'en';
    title: string;
    status: string;
}
interface Application extends Candidate {
    version: number;
    lang: string;
    source: string;
    resume_name: string | null;
    resume_type: string | null;
    consent_at: string | null;
    stage_at: string | null;
    reason: string;
    hired_person_id: number | null;
    created_at?: string;
}
interface BoardItem {
    id: number;
    name: string;
    version: number;
    source: string;
    days_in_stage: number;
    offer_status?: string | null;
}
interface BoardStage {
    stage: string;
    count: number;
    items: BoardItem[];
    average_days: number;
}
interface BoardView {
    requisition_id: number;
    title: string;
    stages: BoardStage[];
}
interface Ranked {
    application_id: number;
    score: number;
    explanation: { text: string; found: string[]; missing: string[] };
    application: Application;
}
interface Proposed {
    assistant_id: number;
    principal_id: number;
    kind: string;
    start_date: string;
    share: number;
}
interface StageRow {
    application_id: number;
    stage: string;
    entered_at: number;
    left_at: number | null;
}

const OPEN = ['applied', 'screening', 'interview', 'offer'];
/** The action that moves an application on from each open stage (from interview: an offer
 * with its terms, made in the candidate page's Offer panel). */
const NEXT: Record<string, string> = { applied: 'screen', screening: 'interview', offer: 'hire' };

const stageName = (s: string) => t(`recruit.stage.${s}` as Key);
const days = (d: number) => t('recruit.days', { count: Math.round(d * 10) / 10, n: fmtNumber(Math.round(d * 10) / 10) });
const money = (v: number) => new Intl.NumberFormat(locale(), { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(v);
const list = (s: string) =>
    s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
const secs = (n: number) => new Date(n * 1000).toISOString();

/** The workflow action of an application, with If-Match its version. */
function act<T>(id: number, name: string, version: number, body: unknown = {}): Promise<T> {
    return request<T>('POST', `/applications/${id}/${name}`, { body, ifMatch: version });
}

/** Asks for the reason of a reject or a withdraw, then runs it. */
function ReasonDialog({ app, action, onDone, onClose }: { app: { id: number; name: string; version: number }; action: string; onDone: () => void; onClose: () => void }) {
    const [reason, setReason] = useState('');
    const a = useAction();
    const submit = (e: Event) => {
        e.preventDefault();
        a.run(async () => {
            await act(app.id, action, app.version, { reason: reason.trim() });
            onDone();
        }, action);
    };
    return (
        <Dialog title={t(action === 'reject' ? 'recruit.rejectTitle' : 'recruit.withdrawTitle', { name: app.name })} onClose={onClose}>
            <form onSubmit={submit}>
                <TextArea label={t('recruit.reason')} value={reason} onValue={setReason} error={fieldError(a.error, 'reason')} />
                {a.error != null && !fieldError(a.error, 'reason') && <ErrorBox error={a.error} />}
                <SubmitCancel label={t(`recruit.act.${action}` as Key)} disabled={!!a.busy || !reason.trim()} onCancel={onClose} />
            </form>
        </Dialog>
    );
}

/** Hires without an accepted offer: the manager's reason is asked for (and audited). */
function HireAnyway({ app, onHired, onDone, onClose }: { app: { id: number; name: string; version: number }; onHired?: (p: Proposed) => void; onDone: () => void; onClose: () => void }) {
    const [reason, setReason] = useState('');
    const a = useAction();
    const submit = (e: Event) => {
        e.preventDefault();
        a.run(async () => {
            const r = await act<Application & { proposed_assignment?: Proposed }>(app.id, 'hire', app.version, { override_reason: reason.trim() });
            store.invalidate('assistants', 'people');
            if (r.proposed_assignment) onHired?.(r.proposed_assignment);
            onDone();
        }, 'hire');
    };
    return (
        <Dialog title={t('recruit.offer.hireAnywayTitle', { name: app.name })} onClose={onClose}>
            <form onSubmit={submit}>
                <p>{t('recruit.offer.hireAnywayText')}</p>
                <TextArea label={t('recruit.reason')} value={reason} onValue={setReason} error={fieldError(a.error, 'override_reason')} />
                {a.error != null && !fieldError(a.error, 'override_reason') && <ErrorBox error={a.error} />}
                <SubmitCancel label={t('recruit.act.hire')} disabled={!!a.busy || !reason.trim()} onCancel={onClose} />
            </form>
        </Dialog>
    );
}

/** The buttons of an open application: the next stage, reject, withdraw. From interview the
 * next step is an offer, made in the candidate page's Offer panel (offer.tsx). */
function StageActions({ app, onDone, onHired }: { app: { id: number; name: string; version: number; stage: string }; onDone: () => void; onHired?: (p: Proposed) => void }) {
    const a = useAction(onDone);
    const [asking, setAsking] = useState<string | null>(null);
    const [anyway, setAnyway] = useState(false);
    if (!OPEN.includes(app.stage)) return null;
    const next = NEXT[app.stage];
    const noOffer = a.error instanceof ApiError && a.error.code === 'offer_not_accepted';
    return (
        <div class="btn-row">
            {next && (
            <button
                type="button"
                class="btn primary"
                disabled={!!a.busy}
                onClick={() =>
                    a.run(async () => {
                        const r = await act<Application & { proposed_assignment?: Proposed }>(app.id, next, app.version);
                        if (r.proposed_assignment) {
                            // A new assistant: the cached lists of people no longer hold everyone.
                            store.invalidate('assistants', 'people');
                            onHired?.(r.proposed_assignment);
                        }
                        onDone();
                    }, next)
                }
            >
                {t(`recruit.act.${next}` as Key)}
                <span class="sr-only"> {app.name}</span>
            </button>
            )}
            {['reject', 'withdraw'].map((x) => (
                <button key={x} class="btn" type="button" disabled={!!a.busy} onClick={() => setAsking(x)}>
                    {t(`recruit.act.${x}` as Key)}
                    <span class="sr-only"> {app.name}</span>
                </button>
            ))}
            {a.error != null && <ErrorBox error={a.error} onRetry={a.onRetry} />}
            {noOffer && (
                <button type="button" class="btn" onClick={() => setAnyway(true)}>
                    {t('recruit.offer.hireAnyway')}
                    <span class="sr-only"> {app.name}</span>
                </button>
            )}
            {anyway && <HireAnyway app={app} onHired={onHired} {...closeThen(() => setAnyway(false), onDone)} />}
            {asking && (
                <ReasonDialog
                    app={app}
                    action={asking}
                    {...closeThen(() => setAsking(null), onDone)}
                />
            )}
        </div>
    );
}

// ---- #/recruit: the requisitions ----

function NewRequisition({ onDone, onClose }: { onDone: (r: Requisition) => void; onClose: () => void }) {
    const people = useAsync(() => Promise.all([store.principals(), store.assistants()]), []);
    const [f, setF] = useState({
        title: '',
        reason: 'new_executive',
        reason_person_id: '',
        principal_id: '',
        duties: '',
        must_skills: '',
        languages: '',
        office: '',
        hours_per_week: '40',
        start_date: '',
        salary_min: '',
        salary_max: '',
    });
    const a = useAction();
    const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
    const pickPrincipal = async (v: string) => {
        set('principal_id')(v);
        if (!v) return;
        try {
            const tpl = await get<{ duties: string[]; must_skills: string[]; languages: string[]; office: string }>('/recruit/template', { principal_id: v });
            setF((x) => ({
                ...x,
                principal_id: v,
                duties: (tpl.duties || []).join(', '),
                must_skills: (tpl.must_skills || []).join(', '),
                languages: (tpl.languages || []).join(', '),
                office: tpl.office || x.office,
            }));
        } catch {
            /* the template only prefills: the form works without it */
        }
    };
    const num = (s: string) => (s.trim() === '' ? null : Number(s));
    const submit = (e: Event) => {
        e.preventDefault();
        a.run(async () => {
            const r = await post<Requisition>('/requisitions', {
                title: f.title.trim(),
                reason: f.reason,
                reason_person_id: f.reason === 'replacement' ? num(f.reason_person_id) : null,
                principal_id: num(f.principal_id),
                duties: list(f.duties),
                must_skills: list(f.must_skills),
                languages: list(f.languages),
                office: f.office.trim(),
                hours_per_week: num(f.hours_per_week) ?? 40,
                start_date: f.start_date || null,
                salary_min: num(f.salary_min),
                salary_max: num(f.salary_max),
            });
            onDone(r);
        }, 'create');
    };
    const err = (k: string) => fieldError(a.error, k);
    const known = ['title', 'reason', 'reason_person_id', 'principal_id', 'duties', 'must_skills', 'languages', 'office', 'hours_per_week', 'start_date', 'salary_min', 'salary_max'];
    return (
        <Dialog title={t('recruit.newTitle')} onClose={onClose} wide>
            <Show a={people} what={t('recruit.loading')}>
                {([ps, as]) => (
                    <form onSubmit={submit} class="form">
                        <Field label={t('recruit.f.title')} value={f.title} onValue={set('title')} error={err('title')} required />
                        <Select
                            label={t('recruit.f.principal')}
                            value={f.principal_id}
                            onValue={pickPrincipal}
                            error={err('principal_id')}
                            options={[['', t('recruit.choose')], ...ps.map((p) => [String(p.id), p.name as string] as [string, string])]}
                        />
                        <Select
                            label={t('recruit.f.reason')}
                            value={f.reason}
                            onValue={set('reason')}
                            error={err('reason')}
                            options={['new_executive', 'growth', 'replacement'].map((r) => [r, t(`recruit.reason.${r}` as Key)] as [string, string])}
                        />
                        {f.reason === 'replacement' && (
                            <Select
                                label={t('recruit.f.replaces')}
                                value={f.reason_person_id}
                                onValue={set('reason_person_id')}
                                error={err('reason_person_id')}
                                options={[['', t('recruit.choose')], ...as.map((p) => [String(p.id), p.name as string] as [string, string])]}
                            />
                        )}
                        <Field label={t('recruit.f.duties')} hint={t('recruit.commaHint')} value={f.duties} onValue={set('duties')} error={err('duties')} />
                        <Field label={t('recruit.f.mustSkills')} hint={t('recruit.commaHint')} value={f.must_skills} onValue={set('must_skills')} error={err('must_skills')} />
                        <Field label={t('recruit.f.languages')} hint={t('recruit.commaHint')} value={f.languages} onValue={set('languages')} error={err('languages')} />
                        <Field label={t('recruit.f.office')} value={f.office} onValue={set('office')} error={err('office')} required />
                        <Field label={t('recruit.f.hours')} type="number" inputMode="decimal" value={f.hours_per_week} onValue={set('hours_per_week')} error={err('hours_per_week')} />
                        <Field label={t('recruit.f.start')} type="date" value={f.start_date} onValue={set('start_date')} error={err('start_date')} />
                        <Field label={t('recruit.f.salaryMin')} type="number" inputMode="numeric" value={f.salary_min} onValue={set('salary_min')} error={err('salary_min')} />
                        <Field label={t('recruit.f.salaryMax')} type="number" inputMode="numeric" value={f.salary_max} onValue={set('salary_max')} error={err('salary_max')} />
                        {a.error != null && !known.some((k) => err(k)) && <ErrorBox error={a.error} />}
                        <SubmitCancel label={t('recruit.create')} disabled={!!a.busy} onCancel={onClose} />
                    </form>
                )}
            </Show>
        </Dialog>
    );
}

function RequisitionCard({ r, postings, board, principal, reload }: { r: Requisition; postings: Posting[]; board: BoardView | null; principal: string; reload: () => void }) {
    const a = useAction(reload);
    const run = (name: string, f: () => Promise<unknown>) =>
        a.run(async () => {
            await f();
            reload();
        }, name);
    const counts = new Map((board?.stages || []).map((s) => [s.stage, s.count]));
    const [editing, setEditing] = useState<number | null>(null);
    return (
        <li class="card requisition" data-requisition-id={r.id}>
            <h2>
                <a href={href(`/recruit/${r.id}`)}>{r.title}</a>
            </h2>
            <p>
                <span class={`badge st-${r.status}`}>{t(`recruit.status.${r.status}` as Key)}</span> {t('recruit.forExec', { name: principal })} · {r.office}
                {r.start_date && <> · {t('recruit.starts', { date: fmtDate(r.start_date, true) })}</>}
                {r.salary_min != null && r.salary_max != null && <> · {t('recruit.salary', { min: money(r.salary_min), max: money(r.salary_max) })}</>}
            </p>
            <ul class="plain inline counts" aria-label={t('recruit.countsLabel')}>
                {[...OPEN, 'hired'].map((s) => (
                    <li key={s}>
                        {stageName(s)}: <strong>{counts.get(s) ?? 0}</strong>
                    </li>
                ))}
            </ul>
            <div class="btn-row">
                {r.status === 'draft' && (
                    <button type="button" class="btn primary" disabled={!!a.busy} onClick={() => run('approve', () => request('POST', `/requisitions/${r.id}/approve`, { body: {}, ifMatch: r.version }))}>
                        {t('recruit.approve')}
                    </button>
                )}
                {(['et', 'en'] as const)
                    .filter((l) => !postings.some((p) => p.lang === l) && r.status !== 'cancelled' && r.status !== 'closed')
                    .map((l) => (
                        <button key={l} class="btn" type="button" disabled={!!a.busy} onClick={() => run(`gen-${l}`, () => post(`/requisitions/${r.id}/postings/generate?lang=${l}`, {}))}>
                            {t(`recruit.generate.${l}` as Key)}
                        </button>
                    ))}
            </div>
            {postings.length > 0 && (
                <ul class="plain postings">
                    {postings.map((p) => (
                        <li key={p.id}>
                            <span lang={p.lang}>{p.title}</span> ({t(`recruit.lang.${p.lang}` as Key)}) <span class={`badge st-${p.status}`}>{t(`recruit.posting.${p.status}` as Key)}</span>{' '}
                            <button class="btn" type="button" aria-label={t('recruit.editPostingOf', { title: p.title, lang: t(`recruit.lang.${p.lang}` as Key) })} onClick={() => setEditing(p.id)}>
                                {t('recruit.edit')}
                            </button>{' '}
                            {p.status === 'published' ? (
                                <>
                                    <a href={`/careers/${p.id}?lang=${p.lang}`} target="_blank" rel="noopener">
                                        {t('recruit.onCareers')}
                                    </a>{' '}
                                    <button class="btn" type="button" disabled={!!a.busy} onClick={() => run('unpublish', () => request('POST', `/postings/${p.id}/unpublish`, { body: {}, ifMatch: p.version }))}>
                                        {t('recruit.unpublish')}
                                    </button>
                                </>
                            ) : (
                                <button
                                    type="button"
                                    disabled={!!a.busy || r.status !== 'approved'}
                                    onClick={() => run('publish', () => request('POST', `/postings/${p.id}/publish`, { body: {}, ifMatch: p.version }))}
                                >
                                    {t('recruit.publish')}
                                </button>
                            )}
                        </li>
                    ))}
                </ul>
            )}
            {a.error != null && <ErrorBox error={a.error} onRetry={a.onRetry} />}
            {editing != null && (
                <EditPosting
                    id={editing}
                    {...closeThen(() => setEditing(null), reload)}
                />
            )}
        </li>
    );
}

export function RecruitPage() {
    const [n, setN] = useState(0);
    const reload = () => setN((x) => x + 1);
    const [adding, setAdding] = useState(false);
    const data = useAsync(async () => {
        const [reqs, posts, ps] = await Promise.all([
            get<{ items: Requisition[] }>('/requisitions', { limit: 100 }),
            get<{ items: Posting[] }>('/postings', { limit: 200 }),
            store.principals(),
        ]);
        const boards = await Promise.all(reqs.items.map((r) => get<BoardView>(`/requisitions/${r.id}/board`).catch(() => null)));
        return { reqs: reqs.items, posts: posts.items, ps, boards };
    }, [n]);
    return (
        <section class="recruit">
            <PageHead title={t('recruit.title')}>
                <button type="button" class="btn primary" onClick={() => setAdding(true)}>
                    {t('recruit.new')}
                </button>
                <a href="/careers" target="_blank" rel="noopener">
                    {t('recruit.careers')}
                </a>
            </PageHead>
            <Show a={data} what={t('recruit.loading')}>
                {(d) =>
                    d.reqs.length === 0 ? (
                        <Empty>{t('recruit.none')}</Empty>
                    ) : (
                        <ul class="plain cards">
                            {d.reqs.map((r, i) => (
                                <RequisitionCard
                                    key={`${r.id}-${r.version}`}
                                    r={r}
                                    postings={d.posts.filter((p) => p.requisition_id === r.id)}
                                    board={d.boards[i]}
                                    principal={(d.ps.find((p) => p.id === r.principal_id)?.name as string) || ''}
                                    reload={reload}
                                />
                            ))}
                        </ul>
                    )
                }
            </Show>
            <Retention />
            {adding && (
                <NewRequisition
                    onClose={() => setAdding(false)}
                    onDone={(r) => {
                        setAdding(false);
                        navigate(`/recruit/${r.id}`);
                    }}
                />
            )}
        </section>
    );
}

// ---- #/recruit/:id: the pipeline board ----

export function RecruitBoardPage({ params }: { params: Record<string, string> }) {
    const id = Number(params.id);
    const [n, setN] = useState(0);
    const reload = () => setN((x) => x + 1);
    const data = useAsync(
        () =>
            Promise.all([
                get<Requisition>(`/requisitions/${id}`),
                get<BoardView>(`/requisitions/${id}/board`),
                get<{ items: Ranked[] }>(`/requisitions/${id}/ranking`, { limit: 500 }),
            ]),
        [id, n],
    );
    return (
        <Show a={data} what={t('recruit.loading')}>
            {([r, b, rank]) => {
                const byId = new Map(rank.items.map((x) => [x.application_id, x]));
                return (
                    <section class="recruit">
                        <PageHead title={r.title}>
                            <a href={href('/recruit')}>{t('recruit.back')}</a>
                        </PageHead>
                        <p>
                            <span class={`badge st-${r.status}`}>{t(`recruit.status.${r.status}` as Key)}</span>
                            {r.must_skills.length > 0 && <> · {t('recruit.needs', { list: fmtList([...r.must_skills, ...r.languages]) })}</>}
                        </p>
                        <Screening requisition={id} reload={n} />
                        <div class="pipeline">
                            {b.stages.map((s) => {
                                const open = OPEN.includes(s.stage);
                                // Open stages best first by the ranking; the others as the board has them.
                                const items = open ? [...s.items].sort((x, y) => (byId.get(y.id)?.score ?? -1) - (byId.get(x.id)?.score ?? -1)) : s.items;
                                return (
                                    <section key={s.stage} class="card stage" aria-labelledby={`h-stage-${s.stage}`} data-stage={s.stage}>
                                        <h2 id={`h-stage-${s.stage}`}>
                                            {stageName(s.stage)} <span class="count">({s.count})</span>
                                        </h2>
                                        <p class="hint">{t('recruit.average', { time: days(s.average_days) })}</p>
                                        {items.length === 0 ? (
                                            <Empty>{t('recruit.empty')}</Empty>
                                        ) : (
                                            <ol class="plain candidates">
                                                {items.map((it) => {
                                                    const rk = byId.get(it.id);
                                                    return (
                                                        <li key={`${it.id}-${it.version}`} class="candidate" data-application-id={it.id}>
                                                            <a href={href(`/recruit/application/${it.id}`)}>{it.name}</a>
                                                            {rk && <span class="score"> · {t('recruit.score', { score: Math.round(rk.score) })}</span>}
                                                            <span class="hint"> · {t('recruit.inStage', { time: days(it.days_in_stage) })}</span>
                                                            {it.offer_status && (
                                                                <>
                                                                    {' · '}
                                                                    <OfferBadge status={it.offer_status} />
                                                                </>
                                                            )}
                                                            {rk && <p class="explanation">{rk.explanation.text}</p>}
                                                            {open && <StageActions app={{ ...it, stage: s.stage }} onDone={reload} />}
                                                        </li>
                                                    );
                                                })}
                                            </ol>
                                        )}
                                    </section>
                                );
                            })}
                        </div>
                    </section>
                );
            }}
        </Show>
    );
}

// ---- #/recruit/application/:id: the candidate ----

/** The proposed assignment of a hire (`name`: the new assistant's, the candidate's name). */
function Hired({ p, name: hiredName }: { p: Proposed; name: string }) {
    const a = useAction();
    const [made, setMade] = useState(false);
    const people = useAsync(() => store.principals(), []);
    const principal = (people.data?.find((x) => x.id === p.principal_id)?.name as string) || '';
    return (
        <section class="card hired" aria-labelledby="h-hired">
            <h2 id="h-hired">{t('recruit.proposed')}</h2>
            <p>
                {t('recruit.proposedLine', {
                    assistant: hiredName,
                    principal,
                    date: fmtDate(p.start_date, true),
                    share: p.share,
                })}
            </p>
            <p>
                <a href={href(`/people/assistant/${p.assistant_id}`)}>{t('recruit.profile', { name: hiredName })}</a>
            </p>
            {made ? (
                <p role="status">{t('recruit.assigned')}</p>
            ) : (
                <button
                    type="button"
                    class="btn primary"
                    disabled={!!a.busy}
                    onClick={() =>
                        a.run(async () => {
                            await post('/assignments', p);
                            store.invalidate('assistants', 'people');
                            setMade(true);
                        }, 'assign')
                    }
                >
                    {t('recruit.assign')}
                </button>
            )}
            {a.error != null && <ErrorBox error={a.error} />}
        </section>
    );
}

export function ApplicationPage({ params }: { params: Record<string, string> }) {
    const id = Number(params.id);
    const [n, setN] = useState(0);
    const reload = () => setN((x) => x + 1);
    const [proposed, setProposed] = useState<Proposed | null>(null);
    const [erasing, setErasing] = useState(false);
    const er = useAction();
    const data = useAsync(async () => {
        const app = await get<Application>(`/applications/${id}`);
        const [req, exp] = await Promise.all([get<Requisition>(`/requisitions/${app.requisition_id}`), get<{ stages: StageRow[]; offers?: { status: string; start_date: string }[] }>(`/applications/${id}/export`)]);
        // The hire's start: the accepted offer's (as the server proposed it), else the requisition's.
        const accepted = (exp.offers || []).filter((o) => o.status === 'accepted').pop();
        return { app, req, stages: exp.stages || [], start: accepted?.start_date || req.start_date };
    }, [id, n]);
    if (data.error instanceof ApiError && data.error.status === 404)
        return (
            <GonePage title={t('recruit.gone')} back="/recruit" backText={t('recruit.back')} />
        );
    return (
        <Show a={data} what={t('recruit.loading')}>
            {({ app, req, stages, start }) => (
                <section class="recruit">
                    <PageHead title={app.name}>
                        <a href={href(`/recruit/${req.id}`)}>{t('recruit.toBoard', { title: req.title })}</a>
                    </PageHead>
                    <p>
                        <span class={`badge st-${app.stage}`}>{stageName(app.stage)}</span>
                        {app.reason && <> · {t('recruit.because', { reason: app.reason })}</>}
                    </p>
                    <dl class="facts">
                        <dt>{t('recruit.f.email')}</dt>
                        <dd>
                            <a href={`mailto:${app.email}`}>{app.email}</a>
                        </dd>
                        <dt>{t('recruit.f.phone')}</dt>
                        <dd>{app.phone || '—'}</dd>
                        <dt>{t('recruit.f.languages')}</dt>
                        <dd>{app.languages.length ? fmtList(app.languages) : '—'}</dd>
                        <dt>{t('recruit.f.source')}</dt>
                        <dd>{t(`recruit.source.${app.source}` as Key)}</dd>
                        {app.consent_at && (
                            <>
                                <dt>{t('recruit.f.consent')}</dt>
                                <dd>{fmtInstant(app.consent_at)}</dd>
                            </>
                        )}
                    </dl>
                    {(proposed || app.hired_person_id) && (
                        <Hired p={proposed || { assistant_id: app.hired_person_id!, principal_id: req.principal_id, kind: 'primary', start_date: start || today(), share: 100 }} name={app.name} />
                    )}
                    <StageActions app={app} onDone={reload} onHired={setProposed} />
                    {<OfferPanel app={app} start={req.start_date} hours={req.hours_per_week} onChange={reload} />}
                    <InterviewsSection appId={app.id} execId={req.principal_id} open={OPEN.includes(app.stage)} onChange={reload} />
                    <h2>{t('recruit.note')}</h2>
                    {app.note ? <p class="note">{app.note}</p> : <Empty>{t('recruit.noNote')}</Empty>}
                    <h2>{t('recruit.resume')}</h2>
                    {app.resume_name && (
                        <p>
                            <a href={`/api/v1/applications/${app.id}/resume`} target="_blank" rel="noopener">
                                {t('recruit.resumeFile', { name: app.resume_name })}
                            </a>
                        </p>
                    )}
                    {app.resume_text ? <pre class="resume">{app.resume_text}</pre> : <Empty>{t('recruit.noResume')}</Empty>}
                    <h2>{t('recruit.history')}</h2>
                    {stages.length === 0 && <Empty>{t('recruit.noHistory')}</Empty>}
                    <ol class="plain history">
                        {stages.map((s) => (
                            <li key={`${s.stage}-${s.entered_at}`}>
                                {t(s.left_at ? 'recruit.stageSpan' : 'recruit.stageSince', {
                                    stage: stageName(s.stage),
                                    from: fmtInstant(secs(s.entered_at)),
                                    to: s.left_at ? fmtInstant(secs(s.left_at)) : '',
                                })}
                            </li>
                        ))}
                    </ol>
                    <h2>{t('recruit.data')}</h2>
                    <div class="btn-row">
                        <a class="btn" href={`/api/v1/applications/${app.id}/export`} download={`application-${app.id}.json`}>
                            {t('recruit.export')}
                        </a>
                        <button type="button" class="btn danger" onClick={() => setErasing(true)}>
                            {t('recruit.erase')}
                        </button>
                    </div>
                    {erasing && (
                        <Dialog title={t('recruit.eraseTitle', { name: app.name })} onClose={() => setErasing(false)}>
                            <p>{t('recruit.eraseText')}</p>
                            {er.error != null && <ErrorBox error={er.error} />}
                            <div class="btn-row">
                                <button
                                    type="button"
                                    class="btn danger"
                                    disabled={!!er.busy}
                                    onClick={() =>
                                        er.run(async () => {
                                            await request('POST', `/applications/${app.id}/erase`, { body: {}, ifMatch: app.version });
                                            setErasing(false);
                                            navigate(`/recruit/${req.id}`);
                                        }, 'erase')
                                    }
                                >
                                    {t('recruit.eraseConfirm')}
                                </button>
                                <button class="btn" type="button" onClick={() => setErasing(false)}>
                                    {t('recruit.cancel')}
                                </button>
                            </div>
                        </Dialog>
                    )}
                </section>
            )}
        </Show>
    );
}

// ---- the extras: editing a posting, a candidate added by hand, screening with filters and
// the retention of rejected candidates ----

/** Edits a posting's title and text (also once published: the careers page shows the change). */
export function EditPosting({ id, onDone, onClose }: { id: number; onDone: () => void; onClose: () => void }) {
    const cur = useAsync(() => get<Posting & { body: string }>(`/postings/${id}`), [id]);
    const [f, setF] = useState<{ title: string; body: string } | null>(null);
    const a = useAction();
    const submit = (e: Event) => {
        e.preventDefault();
        if (!f || !cur.data) return;
        a.run(async () => {
            await patch(`/postings/${id}`, { title: f.title.trim(), body: f.body }, cur.data!.version);
            onDone();
        }, 'save');
    };
    return (
        <Dialog title={t('recruit.editPosting')} onClose={onClose} wide>
            <Show a={cur} what={t('recruit.loading')}>
                {(p) => {
                    const v = f || { title: p.title, body: p.body };
                    return (
                        <form onSubmit={submit} lang={p.lang}>
                            <Field label={t('recruit.postingTitle')} value={v.title} onValue={(x) => setF({ ...v, title: x })} error={fieldError(a.error, 'title')} />
                            <TextArea label={t('recruit.postingBody')} rows={12} value={v.body} onValue={(x) => setF({ ...v, body: x })} error={fieldError(a.error, 'body')} />
                            {a.error != null && !fieldError(a.error, 'title') && !fieldError(a.error, 'body') && <ErrorBox error={a.error} />}
                            <SubmitCancel label={t('recruit.save')} disabled={!!a.busy || !v.title.trim() || !v.body.trim()} onCancel={onClose} />
                        </form>
                    );
                }}
            </Show>
        </Dialog>
    );
}

/** A candidate the manager adds by hand (met at a fair, recommended): the resume's text pasted. */
function AddCandidate({ requisition, onDone, onClose }: { requisition: number; onDone: () => void; onClose: () => void }) {
    const [f, setF] = useState({ name: '', email: '', phone: '', languages: '', note: '', resume_text: '' });
    const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
    const a = useAction();
    const submit = (e: Event) => {
        e.preventDefault();
        a.run(async () => {
            await post('/applications', {
                requisition_id: requisition,
                name: f.name.trim(),
                email: f.email.trim(),
                phone: f.phone.trim(),
                languages: list(f.languages),
                note: f.note,
                resume_text: f.resume_text,
            });
            onDone();
        }, 'add');
    };
    const known = ['name', 'email', 'phone', 'languages', 'note', 'resume_text'];
    return (
        <Dialog title={t('recruit.addCandidate')} onClose={onClose} wide>
            <form onSubmit={submit}>
                <Field label={t('recruit.candName')} value={f.name} onValue={set('name')} error={fieldError(a.error, 'name')} />
                <Field label={t('recruit.candEmail')} type="email" value={f.email} onValue={set('email')} error={fieldError(a.error, 'email')} />
                <Field label={t('recruit.candPhone')} value={f.phone} onValue={set('phone')} error={fieldError(a.error, 'phone')} />
                <Field label={t('recruit.candLanguages')} hint={t('recruit.commaHint')} value={f.languages} onValue={set('languages')} error={fieldError(a.error, 'languages')} />
                <TextArea label={t('recruit.candNote')} value={f.note} onValue={set('note')} error={fieldError(a.error, 'note')} />
                <TextArea label={t('recruit.candResume')} rows={8} value={f.resume_text} onValue={set('resume_text')} error={fieldError(a.error, 'resume_text')} />
                {a.error != null && !known.some((k) => fieldError(a.error, k)) && <ErrorBox error={a.error} />}
                <SubmitCancel label={t('recruit.add')} disabled={!!a.busy || !f.name.trim() || !f.email.trim()} onCancel={onClose} />
            </form>
        </Dialog>
    );
}

/** Screening: the ranking with its filters (words, a language, must-haves met, a stage), as the API takes them. */
export function Screening({ requisition, reload: outer }: { requisition: number; reload: number }) {
    const [f, setF] = useState({ q: '', language: '', must_met: false, stage: '' });
    const [asked, setAsked] = useState(f);
    const [adding, setAdding] = useState(false);
    const [n, setN] = useState(0);
    const data = useAsync(() => {
        const params: Record<string, string | number> = { limit: 100 };
        if (asked.q.trim()) params.q = asked.q.trim();
        if (asked.language.trim()) params.language = asked.language.trim();
        if (asked.must_met) params.must_met = 'true';
        if (asked.stage) params.stage = asked.stage;
        return get<{ total: number; items: Ranked[] }>(`/requisitions/${requisition}/ranking`, params);
    }, [requisition, asked, n, outer]);
    const submit = (e: Event) => {
        e.preventDefault();
        setAsked({ ...f });
    };
    return (
        <section class="card screening" aria-labelledby="h-screening">
            <h2 id="h-screening">{t('recruit.screening')}</h2>
            <form class="filters" onSubmit={submit} role="search" aria-label={t('recruit.screeningFilters')}>
                <Field label={t('recruit.filterWords')} value={f.q} onValue={(v) => setF((x) => ({ ...x, q: v }))} />
                <Field label={t('recruit.filterLanguage')} value={f.language} onValue={(v) => setF((x) => ({ ...x, language: v }))} />
                <Select
                    label={t('recruit.filterStage')}
                    value={f.stage}
                    onValue={(v) => setF((x) => ({ ...x, stage: v }))}
                    options={[['', t('recruit.filterOpen')], ...['applied', 'screening', 'interview', 'offer', 'hired', 'rejected', 'withdrawn'].map((s) => [s, stageName(s)] as [string, string])]}
                />
                <Checkbox label={t('recruit.filterMust')} checked={f.must_met} onValue={(v) => setF((x) => ({ ...x, must_met: v }))} />
                <div class="btn-row">
                    <button type="submit" class="btn primary">
                        {t('recruit.filter')}
                    </button>
                    <button type="button" class="btn" onClick={() => setAdding(true)}>
                        {t('recruit.addCandidate')}
                    </button>
                </div>
            </form>
            <Show a={data} what={t('recruit.loading')}>
                {(d) => (
                    <>
                        <p class="hint" role="status">
                            {t('recruit.found', { count: d.total, n: fmtNumber(d.total) })}
                        </p>
                        {d.items.length === 0 ? (
                            <Empty>{t('recruit.noneFound')}</Empty>
                        ) : (
                            <ol class="plain ranked">
                                {d.items.map((x) => (
                                    <li key={x.application_id} class="ranked" data-application-id={x.application_id}>
                                        <a href={href(`/recruit/application/${x.application_id}`)}>{x.application.name}</a>
                                        <span class="score"> · {t('recruit.score', { score: Math.round(x.score) })}</span>
                                        <span class="hint">
                                            {' '}
                                            · {stageName(x.application.stage)}
                                            {x.application.languages.length > 0 && <> · {fmtList(x.application.languages)}</>}
                                        </span>
                                        <p class="explanation">{x.explanation.text}</p>
                                    </li>
                                ))}
                            </ol>
                        )}
                    </>
                )}
            </Show>
            {adding && (
                <AddCandidate
                    requisition={requisition}
                    onClose={() => setAdding(false)}
                    onDone={() => {
                        setAdding(false);
                        setN((x) => x + 1);
                    }}
                />
            )}
        </section>
    );
}

/** How long rejected and withdrawn candidates are kept: months on the page, days in the API. */
export function Retention() {
    const [n, setN] = useState(0);
    const cur = useAsync(() => get<{ retention_days: number; version: number }>('/settings/recruit'), [n]);
    const [months, setMonths] = useState<string | null>(null);
    const [saved, setSaved] = useState(false);
    const a = useAction();
    const toMonths = (d: number) => Math.round(d / 30.5);
    const submit = (e: Event) => {
        e.preventDefault();
        if (!cur.data || months == null) return;
        a.run(async () => {
            await patch('/settings/recruit', { retention_days: Math.round(Number(months) * 30.5) }, cur.data!.version);
            setSaved(true);
            setMonths(null);
            setN((x) => x + 1);
        }, 'save');
    };
    return (
        <section class="card retention" aria-labelledby="h-retention">
            <h2 id="h-retention">{t('recruit.retention')}</h2>
            <Show a={cur} what={t('recruit.loading')}>
                {(s) => (
                    <form onSubmit={submit}>
                        <Field
                            label={t('recruit.retentionMonths')}
                            type="number"
                            hint={t('recruit.retentionHint', { count: s.retention_days, n: fmtNumber(s.retention_days) })}
                            value={months ?? String(toMonths(s.retention_days))}
                            onValue={(v) => {
                                setMonths(v);
                                setSaved(false);
                            }}
                            error={fieldError(a.error, 'retention_days')}
                        />
                        {a.error != null && !fieldError(a.error, 'retention_days') && <ErrorBox error={a.error} />}
                        <div class="btn-row">
                            <button type="submit" class="btn primary" disabled={!!a.busy || months == null || !(Number(months) >= 1 && Number(months) <= 119)}>
                                {t('recruit.save')}
                            </button>
                            {saved && <span role="status">{t('recruit.saved')}</span>}
                        </div>
                    </form>
                )}
            </Show>
        </section>
    );
}
