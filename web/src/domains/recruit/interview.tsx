// Recruiting's interviews and scorecards (issue 12), for the manager and the interview panel:
// scheduling an interview on the candidate's page (the panel with the requisition's executive
// pre-filled and required, find-a-time over the panel in the viewer's zone with the candidate's
// own free spans, booking one time or offering 2–5 for the candidate to pick from a link), the
// candidate's interviews, the panel member's scorecard (1–5 with notes per criterion) and the
// summary per criterion (mean, spread, agree/disagree) once one's own card is in. "My
// interviews" lists the interviews whose panel the signed-in person is on, and the panel's view
// of the candidate (#/recruit/candidate/:id) shows what the server lets them read.
import { useState } from 'preact/hooks';
import { ApiError, get, post, request } from '../../api';
import { isManager, useAuth } from '../../auth';
import { useAction } from '../../components/hooks';
import { Empty, ErrorBox, Field, PageHead, Select, Show, TextArea, fieldError, formError, useAsync } from '../../components/ui';
import { fmtList, fmtNumber, t, type Key } from '../../i18n';
import { href } from '../../router';
import * as store from '../../store';
import { browserZone, fmtSpan, iso, localToUtc, today } from '../../time';
import { GonePage } from './parts';

interface PanelMember {
    person_id: number;
    role: 'manager' | 'executive' | 'member';
    name: string;
    time_zone: string;
    absence_id: number | null;
    is_assistant: boolean;
}
interface Slot {
    id: number;
    start_at: string;
    end_at: string;
    taken: boolean;
}
export interface Interview {
    id: number;
    version: number;
    application_id: number;
    status: 'offered' | 'scheduled' | 'cancelled' | 'completed';
    start_at: string | null;
    end_at: string | null;
    duration_minutes: number;
    location: string;
    url: string;
    criteria: string[];
    panel: PanelMember[];
    slots: Slot[];
    candidate: string;
    title: string;
    pick_path?: string;
}
interface Rating {
    criterion: string;
    score: number;
    note: string;
}
interface Card {
    id: number;
    version: number;
    person_id: number;
    name: string;
    status: 'draft' | 'submitted';
    submitted_at: string | null;
    note: string;
    ratings: Rating[];
}
interface Summary {
    criterion: string;
    count: number;
    mean: number | null;
    spread: number | null;
    agree: boolean | null;
}
interface Cards {
    interview_id: number;
    criteria: string[];
    mine: Card | null;
    others: Card[];
    revealed: boolean;
    submitted_hidden: number;
    panel: { person_id: number; name: string; role: string; scorecard: string }[];
    summary: Summary[] | null;
}
interface FoundSlot {
    start: string;
    end: string;
}
interface Mine {
    id: number;
    application_id: number;
    candidate: string;
    title: string;
    status: string;
    start_at: string | null;
    end_at: string | null;
    location: string;
    url: string;
    role: string;
    scorecard: string | null;
}
/** What a panel member sees of a candidate; recruit.tsx's Application adds the rest. */
export interface Candidate {
    id: number;
    requisition_id: number;
    name: string;
    email: string;
    phone: string;
    languages: string[];
    note: string;
    resume_text?: string;
    stage: string;
}

const roleName = (r: string) => t(`recruit.iv.role.${r}` as Key);
const statusName = (s: string) => t(`recruit.iv.status.${s}` as Key);

/** The zone the viewer's times are shown in: their own, else the browser's. */
function useZone(): string {
    const auth = useAuth();
    return (auth.person?.time_zone as string | undefined) || browserZone();
}

// ---- scheduling ----

/** The form that arranges an interview: the panel, then find-a-time, book or offer slots. */
function Schedule({ appId, execId, onDone }: { appId: number; execId: number; onDone: (iv: Interview) => void }) {
    const tz = useZone();
    const people = useAsync(async () => {
        const [a, p] = await Promise.all([store.assistants(), store.principals()]);
        return [...p, ...a].map((x) => ({ id: x.id as number, name: x.name as string }));
    }, []);
    const [others, setOthers] = useState<number[]>([]);
    const [pick, setPick] = useState('');
    const [minutes, setMinutes] = useState('60');
    const [location, setLocation] = useState('');
    const [url, setUrl] = useState('');
    const [criteria, setCriteria] = useState('');
    const [from, setFrom] = useState(today());
    const [days, setDays] = useState('14');
    const [free, setFree] = useState<{ date: string; start: string; end: string }[]>([]);
    const [fDate, setFDate] = useState(today());
    const [fStart, setFStart] = useState('09:00');
    const [fEnd, setFEnd] = useState('17:00');
    const [found, setFound] = useState<FoundSlot[] | null>(null);
    const [offer, setOffer] = useState<string[]>([]);
    const a = useAction();
    const nameOf = (id: number) => people.data?.find((p) => p.id === id)?.name || `#${id}`;
    const panel = () => [execId, ...others];
    const common = () => ({
        panel: panel(),
        duration_minutes: Number(minutes) || 60,
        location,
        url,
        criteria: criteria
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean),
    });
    const find = (e: Event) => {
        e.preventDefault();
        setFound(null);
        setOffer([]);
        void a.run(async () => {
            const start = localToUtc(from, '00:00', tz);
            const end = start + Math.max(1, Math.min(62, Number(days) || 14)) * 86400e3;
            const body: Record<string, unknown> = { panel: panel(), duration_minutes: Number(minutes) || 60, from: iso(start), to: iso(end), count: 12 };
            if (free.length) body.candidate_free = free.map((f) => ({ start_at: iso(localToUtc(f.date, f.start, tz)), end_at: iso(localToUtc(f.date, f.end, tz)) }));
            const r = await post<{ slots: FoundSlot[] }>(`/applications/${appId}/interviews/find-time`, body);
            setFound(r.slots);
        }, 'find');
    };
    const book = (s: FoundSlot) =>
        a.run(async () => {
            const iv = await post<Interview>(`/applications/${appId}/interviews`, { ...common(), start_at: s.start });
            onDone(iv);
        }, 'book');
    const offerSlots = () =>
        a.run(async () => {
            const iv = await post<Interview>(`/applications/${appId}/interviews`, { ...common(), slots: offer.map((s) => ({ start_at: s })) });
            onDone(iv);
        }, 'offer');
    const err = a.error;
    return (
        <form class="card form interview-form" aria-labelledby="h-schedule" onSubmit={find}>
            <h3 id="h-schedule">{t('recruit.iv.schedule')}</h3>
            <fieldset>
                <legend>{t('recruit.iv.panel')}</legend>
                <ul class="plain panel-list">
                    <li>
                        {t('recruit.iv.you')} · {roleName('manager')}
                    </li>
                    <li>
                        {nameOf(execId)} · {roleName('executive')} <span class="muted">({t('recruit.iv.required')})</span>
                    </li>
                    {others.map((id) => (
                        <li key={id}>
                            {nameOf(id)} · {roleName('member')}{' '}
                            <button type="button" class="btn small" onClick={() => setOthers(others.filter((x) => x !== id))}>
                                {t('recruit.iv.remove', { name: nameOf(id) })}
                            </button>
                        </li>
                    ))}
                </ul>
                {people.data && (
                    <div class="inline">
                        <Select
                            label={t('recruit.iv.addMember')}
                            value={pick}
                            onValue={setPick}
                            options={[['', '—'] as [string, string], ...people.data.filter((p) => p.id !== execId && !others.includes(p.id)).map((p): [string, string] => [String(p.id), p.name])]}
                        />
                        <button
                            type="button"
                            class="btn"
                            disabled={!pick}
                            onClick={() => {
                                setOthers([...others, Number(pick)]);
                                setPick('');
                            }}
                        >
                            {t('recruit.iv.add')}
                        </button>
                    </div>
                )}
                {fieldError(err, 'panel') && <p class="field-error">{fieldError(err, 'panel')}</p>}
            </fieldset>
            <Field label={t('recruit.iv.minutes')} type="number" value={minutes} onValue={setMinutes} error={fieldError(err, 'duration_minutes')} />
            <Field label={t('recruit.iv.location')} value={location} onValue={setLocation} error={fieldError(err, 'location')} />
            <Field label={t('recruit.iv.url')} value={url} onValue={setUrl} error={fieldError(err, 'url')} />
            <Field label={t('recruit.iv.criteria')} hint={t('recruit.iv.criteriaHint')} value={criteria} onValue={setCriteria} error={fieldError(err, 'criteria')} />
            <fieldset>
                <legend>{t('recruit.iv.candidateFree')}</legend>
                <p class="muted">{t('recruit.iv.candidateFreeHelp', { zone: tz })}</p>
                {free.length > 0 && (
                    <ul class="plain">
                        {free.map((f, i) => (
                            <li key={i}>
                                {fmtSpan(iso(localToUtc(f.date, f.start, tz)), iso(localToUtc(f.date, f.end, tz)), tz)}{' '}
                                <button type="button" class="btn small" onClick={() => setFree(free.filter((_, k) => k !== i))}>
                                    {t('recruit.iv.removeSpan')}
                                </button>
                            </li>
                        ))}
                    </ul>
                )}
                <div class="inline">
                    <Field label={t('recruit.iv.freeDate')} type="date" value={fDate} onValue={setFDate} />
                    <Field label={t('recruit.iv.freeFrom')} type="time" value={fStart} onValue={setFStart} />
                    <Field label={t('recruit.iv.freeTo')} type="time" value={fEnd} onValue={setFEnd} />
                    <button type="button" class="btn" disabled={!fDate || fEnd <= fStart} onClick={() => setFree([...free, { date: fDate, start: fStart, end: fEnd }])}>
                        {t('recruit.iv.addSpan')}
                    </button>
                </div>
            </fieldset>
            <Field label={t('recruit.iv.searchFrom')} type="date" value={from} onValue={setFrom} error={fieldError(err, 'from')} />
            <Field label={t('recruit.iv.searchDays')} type="number" value={days} onValue={setDays} error={fieldError(err, 'to')} />
            <ErrorBox error={formError(err, ['panel', 'duration_minutes', 'location', 'url', 'criteria', 'from', 'to'])} />
            <button class="btn primary" type="submit" disabled={!!a.busy}>
                {t('recruit.iv.find')}
            </button>
            {found && found.length === 0 && <Empty>{t('recruit.iv.noTimes')}</Empty>}
            {found && found.length > 0 && (
                <>
                    <p class="muted">{t('recruit.iv.timesIn', { zone: tz })}</p>
                    <ul class="plain slots" aria-label={t('recruit.iv.times')}>
                        {found.map((s) => {
                            const when = fmtSpan(s.start, s.end, tz);
                            return (
                                <li key={s.start}>
                                    <label>
                                        <input
                                            type="checkbox"
                                            checked={offer.includes(s.start)}
                                            onChange={(e) => setOffer((e.currentTarget as HTMLInputElement).checked ? [...offer, s.start] : offer.filter((x) => x !== s.start))}
                                        />{' '}
                                        {when}
                                    </label>{' '}
                                    <button type="button" class="btn small" disabled={!!a.busy} onClick={() => book(s)}>
                                        {t('recruit.iv.book', { when })}
                                    </button>
                                </li>
                            );
                        })}
                    </ul>
                    <button type="button" class="btn" disabled={!!a.busy || offer.length < 2 || offer.length > 5} onClick={offerSlots}>
                        {t('recruit.iv.offer', { count: offer.length })}
                    </button>
                    <p class="muted">{t('recruit.iv.offerHelp')}</p>
                </>
            )}
        </form>
    );
}

// ---- scorecards ----

function ScoreForm({ iv, cards, onDone }: { iv: Interview; cards: Cards; onDone: () => void }) {
    const mine = cards.mine;
    const [scores, setScores] = useState<Record<string, string>>(() => Object.fromEntries((mine?.ratings || []).map((r) => [r.criterion, String(r.score)])));
    const [notes, setNotes] = useState<Record<string, string>>(() => Object.fromEntries((mine?.ratings || []).map((r) => [r.criterion, r.note])));
    const [note, setNote] = useState(mine?.note || '');
    const a = useAction(onDone);
    const save = (submit: boolean) =>
        a.run(async () => {
            const ratings = cards.criteria.filter((c) => scores[c]).map((c) => ({ criterion: c, score: Number(scores[c]), note: notes[c] || '' }));
            await request('POST', `/interviews/${iv.id}/scorecard`, { body: { ratings, note, submit } });
            onDone();
        }, submit ? 'submit' : 'save');
    const options: [string, string][] = [['', '—'], ...[1, 2, 3, 4, 5].map((n): [string, string] => [String(n), t('recruit.iv.score', { n })])];
    return (
        <form
            class="card form scorecard"
            aria-labelledby={`h-card-${iv.id}`}
            onSubmit={(e) => {
                e.preventDefault();
                void save(true);
            }}
        >
            <h4 id={`h-card-${iv.id}`}>{t('recruit.iv.myCard')}</h4>
            <p class="muted">{t('recruit.iv.blind')}</p>
            {cards.criteria.map((c) => (
                <fieldset key={c} class="criterion">
                    <legend>{c}</legend>
                    <Select label={t('recruit.iv.scoreLabel', { criterion: c })} value={scores[c] || ''} onValue={(v) => setScores({ ...scores, [c]: v })} options={options} />
                    <Field label={t('recruit.iv.noteFor', { criterion: c })} value={notes[c] || ''} onValue={(v) => setNotes({ ...notes, [c]: v })} />
                </fieldset>
            ))}
            <TextArea label={t('recruit.iv.overall')} value={note} onValue={setNote} error={fieldError(a.error, 'note')} />
            <ErrorBox error={a.error} onRetry={a.onRetry} />
            <div class="btn-row">
                <button type="button" class="btn" disabled={!!a.busy} onClick={() => save(false)}>
                    {t('recruit.iv.saveDraft')}
                </button>
                <button type="submit" class="btn primary" disabled={!!a.busy}>
                    {t('recruit.iv.submit')}
                </button>
            </div>
        </form>
    );
}

function SummaryTable({ cards, id }: { cards: Cards; id: number }) {
    if (!cards.summary) return null;
    const shown = [...(cards.mine && cards.mine.status === 'submitted' ? [cards.mine] : []), ...cards.others];
    const score = (c: Card, crit: string) => c.ratings.find((r) => r.criterion === crit);
    return (
        <div class="scroll-x">
            <table class="list score-summary" aria-labelledby={`h-sum-${id}`}>
                <caption id={`h-sum-${id}`}>{t('recruit.iv.summary')}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t('recruit.iv.criterion')}</th>
                        {shown.map((c) => (
                            <th scope="col" key={c.id}>
                                {c.name}
                            </th>
                        ))}
                        <th scope="col">{t('recruit.iv.mean')}</th>
                        <th scope="col">{t('recruit.iv.spread')}</th>
                        <th scope="col">{t('recruit.iv.verdict')}</th>
                    </tr>
                </thead>
                <tbody>
                    {cards.summary.map((s) => (
                        <tr key={s.criterion}>
                            <th scope="row">{s.criterion}</th>
                            {shown.map((c) => {
                                const r = score(c, s.criterion);
                                return (
                                    <td key={c.id} title={r?.note || undefined}>
                                        {r ? fmtNumber(r.score) : '—'}
                                        {r?.note ? <span class="sr-only"> ({r.note})</span> : null}
                                    </td>
                                );
                            })}
                            <td>{s.mean == null ? '—' : fmtNumber(s.mean)}</td>
                            <td>{s.spread == null ? '—' : fmtNumber(s.spread)}</td>
                            <td>{s.agree == null ? '—' : <span class={`badge ${s.agree ? 'agree' : 'disagree'}`}>{t(s.agree ? 'recruit.iv.agree' : 'recruit.iv.disagree')}</span>}</td>
                        </tr>
                    ))}
                </tbody>
            </table>
            {shown
                .filter((c) => c.note)
                .map((c) => (
                    <p key={c.id} class="note">
                        <strong>{c.name}:</strong> {c.note}
                    </p>
                ))}
        </div>
    );
}

function Scorecards({ iv }: { iv: Interview }) {
    const auth = useAuth();
    const [n, setN] = useState(0);
    const cards = useAsync(() => get<Cards>(`/interviews/${iv.id}/scorecards`), [iv.id, n]);
    const me = auth.account.person_id;
    return (
        <Show a={cards} what={t('recruit.iv.loadingCards')}>
            {(c) => {
                const onPanel = c.panel.some((p) => p.person_id === me);
                return (
                    <div class="scorecards">
                        <p>
                            {t('recruit.iv.cardsOf')}{' '}
                            {fmtList(c.panel.map((p) => t('recruit.iv.cardStatus', { name: p.name, status: t(`recruit.iv.card.${p.scorecard}` as Key) })))}
                        </p>
                        {onPanel && c.mine?.status === 'submitted' && <p role="status">{t('recruit.iv.submitted')}</p>}
                        {onPanel && c.mine?.status !== 'submitted' && <ScoreForm iv={iv} cards={c} onDone={() => setN((x) => x + 1)} />}
                        {!c.revealed && c.submitted_hidden > 0 && <p class="muted">{t('recruit.iv.hidden', { count: c.submitted_hidden })}</p>}
                        <SummaryTable cards={c} id={iv.id} />
                    </div>
                );
            }}
        </Show>
    );
}

// ---- the candidate's interviews ----

function InterviewCard({ iv, manager, onChange }: { iv: Interview; manager: boolean; onChange: () => void }) {
    const tz = useZone();
    const a = useAction(onChange);
    const link = iv.pick_path ? `${location.origin}${iv.pick_path}` : null;
    return (
        <li class="card interview" aria-labelledby={`h-iv-${iv.id}`}>
            <h3 id={`h-iv-${iv.id}`}>
                {iv.start_at && iv.end_at ? fmtSpan(iv.start_at, iv.end_at, tz) : t('recruit.iv.awaitingPick')} <span class={`badge iv-${iv.status}`}>{statusName(iv.status)}</span>
            </h3>
            <p>
                {iv.location || iv.url ? t('recruit.iv.where', { where: iv.location || iv.url }) : null} {t('recruit.iv.length', { count: iv.duration_minutes })}
            </p>
            <p>{t('recruit.iv.panelLine', { names: fmtList(iv.panel.map((p) => `${p.name} (${roleName(p.role)})`)) })}</p>
            {iv.status === 'offered' && (
                <>
                    <p>{t('recruit.iv.offered')}</p>
                    <ul class="plain">
                        {iv.slots.map((s) => (
                            <li key={s.id}>
                                {fmtSpan(s.start_at, s.end_at, tz)} {s.taken ? <span class="muted">({t('recruit.iv.taken')})</span> : null}
                            </li>
                        ))}
                    </ul>
                </>
            )}
            {link && (
                <div class="pick-link" role="status">
                    <p>{t('recruit.iv.linkMade')}</p>
                    <label class="field">
                        <span>{t('recruit.iv.link')}</span>
                        <input type="text" readOnly value={link} onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
                    </label>
                </div>
            )}
            {manager && (iv.status === 'offered' || iv.status === 'scheduled') && (
                <div class="btn-row">
                    <button type="button" class="btn" disabled={!!a.busy} onClick={() => a.run(() => request('POST', `/interviews/${iv.id}/cancel`, { body: {}, ifMatch: iv.version }).then(onChange), 'cancel')}>
                        {t('recruit.iv.cancel')}
                    </button>
                </div>
            )}
            <ErrorBox error={a.error} onRetry={a.onRetry} />
            {(iv.status === 'scheduled' || iv.status === 'completed') && <Scorecards iv={iv} />}
        </li>
    );
}

/** The candidate's interviews; managers also arrange one. execId: the requisition's executive. */
export function InterviewsSection({ appId, execId, open, onChange }: { appId: number; execId?: number; open: boolean; onChange?: () => void }) {
    const auth = useAuth();
    const manager = isManager(auth.account.role);
    const [n, setN] = useState(0);
    const [made, setMade] = useState<Interview | null>(null);
    const [scheduling, setScheduling] = useState(false);
    const list = useAsync(() => get<{ items: Interview[] }>(`/applications/${appId}/interviews`), [appId, n]);
    return (
        <section class="interviews" aria-labelledby="h-interviews">
            <h2 id="h-interviews">{t('recruit.iv.title')}</h2>
            <Show a={list} what={t('recruit.iv.loading')}>
                {(l) => (
                    <>
                        {l.items.length === 0 && <Empty>{t('recruit.iv.none')}</Empty>}
                        <ul class="plain">
                            {l.items.map((iv) => (
                                <InterviewCard key={iv.id} iv={made && made.id === iv.id ? { ...iv, pick_path: made.pick_path } : iv} manager={manager} onChange={() => setN((x) => x + 1)} />
                            ))}
                        </ul>
                    </>
                )}
            </Show>
            {manager && open && execId != null && !scheduling && (
                <button type="button" class="btn primary" onClick={() => setScheduling(true)}>
                    {t('recruit.iv.schedule')}
                </button>
            )}
            {manager && scheduling && execId != null && (
                <Schedule
                    appId={appId}
                    execId={execId}
                    onDone={(iv) => {
                        setMade(iv);
                        setScheduling(false);
                        setN((x) => x + 1);
                        onChange?.(); // a screened application moved on to the interview stage
                    }}
                />
            )}
        </section>
    );
}

// ---- #/my-interviews and #/recruit/candidate/:id ----

export function MyInterviewsPage() {
    const tz = useZone();
    const auth = useAuth();
    const manager = isManager(auth.account.role);
    const list = useAsync(() => get<{ items: Mine[] }>('/my/interviews'), []);
    return (
        <section class="recruit">
            <PageHead title={t('recruit.iv.mine')} />
            <Show a={list} what={t('recruit.iv.loading')}>
                {(l) =>
                    l.items.length === 0 ? (
                        <Empty>{t('recruit.iv.mineNone')}</Empty>
                    ) : (
                        <ul class="plain cards">
                            {l.items.map((m) => (
                                <li key={m.id} class="card">
                                    <h2>
                                        <a href={href(manager ? `/recruit/application/${m.application_id}` : `/recruit/candidate/${m.application_id}`)}>{m.candidate}</a>
                                    </h2>
                                    <p>{m.title}</p>
                                    <p>
                                        {m.start_at && m.end_at ? fmtSpan(m.start_at, m.end_at, tz) : t('recruit.iv.awaitingPick')} · <span class={`badge iv-${m.status}`}>{statusName(m.status)}</span> · {roleName(m.role)}
                                    </p>
                                    <p>{t('recruit.iv.myCardIs', { status: t(`recruit.iv.card.${m.scorecard || 'none'}` as Key) })}</p>
                                </li>
                            ))}
                        </ul>
                    )
                }
            </Show>
        </section>
    );
}

export function CandidatePage({ params }: { params: Record<string, string> }) {
    const id = Number(params.id);
    const app = useAsync(() => get<Candidate>(`/applications/${id}`), [id]);
    if (app.error instanceof ApiError && app.error.status === 404)
        return (
            <GonePage title={t('recruit.iv.notYours')} back="/my-interviews" backText={t('recruit.iv.mine')} />
        );
    return (
        <Show a={app} what={t('recruit.loading')}>
            {(c) => (
                <section class="recruit">
                    <PageHead title={c.name}>
                        <a href={href('/my-interviews')}>{t('recruit.iv.mine')}</a>
                    </PageHead>
                    <dl class="facts">
                        <dt>{t('recruit.f.email')}</dt>
                        <dd>{c.email}</dd>
                        <dt>{t('recruit.f.languages')}</dt>
                        <dd>{c.languages.length ? fmtList(c.languages) : '—'}</dd>
                    </dl>
                    <InterviewsSection appId={c.id} open={false} />
                    <h2>{t('recruit.note')}</h2>
                    {c.note ? <p class="note">{c.note}</p> : <Empty>{t('recruit.noNote')}</Empty>}
                    <h2>{t('recruit.resume')}</h2>
                    {c.resume_text ? <pre class="resume">{c.resume_text}</pre> : <Empty>{t('recruit.noResume')}</Empty>}
                </section>
            )}
        </Show>
    );
}
