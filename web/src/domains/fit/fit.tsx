// fit.tsx: role fit (issue 14): the best fits for an executive, the department's reassignment
// what-if, and on the profile pages the working-style editor, the executive's role profile and
// the assistant's experience per duty.
import { useState } from 'preact/hooks';
import { ApiError, Duty, get, listAll, patch, post, del, request } from '../../api';
import type { components } from '../../gen/openapi';
import { useAuth, isManager } from '../../auth';
import { href } from '../../router';
import * as store from '../../store';
import { Empty, ErrorBox, Field, PageHead, Select, Show, useAsync, Checkbox } from '../../components/ui';
import { fmtNumber, t } from '../../i18n';
import { browserZone, fmtShortDate, fmtSpan, localDate } from '../../time';

type RoleProfile = components['schemas']['RoleProfile'];
type WorkStyle = components['schemas']['WorkStyle'];
type DutyExperience = components['schemas']['DutyExperience'];

const AXES = ['pace', 'formality', 'autonomy', 'channel'] as const;
type Axis = (typeof AXES)[number];

/** The two ends of an axis, as people read them. */
function ends(a: Axis): [string, string] {
    switch (a) {
        case 'pace':
            return [t('fit.axis.pace.low'), t('fit.axis.pace.high')];
        case 'formality':
            return [t('fit.axis.formality.low'), t('fit.axis.formality.high')];
        case 'autonomy':
            return [t('fit.axis.autonomy.low'), t('fit.axis.autonomy.high')];
        default:
            return [t('fit.axis.channel.low'), t('fit.axis.channel.high')];
    }
}

function axisName(a: string): string {
    switch (a) {
        case 'pace':
            return t('fit.axis.pace');
        case 'formality':
            return t('fit.axis.formality');
        case 'autonomy':
            return t('fit.axis.autonomy');
        default:
            return t('fit.axis.channel');
    }
}

/** A value of the -2..+2 scale in words. */
function styleWord(a: Axis, v: number | null | undefined): string {
    if (v === null || v === undefined) return t('fit.notStated');
    const [lo, hi] = ends(a);
    if (v === 0) return t('fit.balanced');
    if (v === -2) return lo;
    if (v === 2) return hi;
    return t('fit.leaning', { side: (v < 0 ? lo : hi).toLocaleLowerCase() });
}

// ---- the explanation of a score, term by term ----

interface Term {
    term: string;
    points: number;
    max: number;
    skill?: string | null;
    level?: number;
    wanted?: number;
    shared?: number;
    needed?: number;
    years?: number;
    axis?: string | null;
    assistant_value?: number;
    executive_value?: number;
    overlap_hours?: number;
    needed_hours?: number;
    free_hours?: number;
    workload_hours?: number;
    covers_ok?: number;
    covers_bad?: number;
    last_bad_at?: string | null;
    mediation?: boolean;
    trained?: number;
    missing?: number;
}

function termText(x: Term, tz: string): string {
    const n = (v: number | undefined) => fmtNumber(v ?? 0, { maximumFractionDigits: 1 });
    switch (x.term) {
        case 'must':
            return x.trained ? t('fit.term.mustTrained', { count: x.trained }) : t('fit.term.must');
        case 'nice':
            return x.skill ? t('fit.term.nice', { skill: x.skill, level: n(x.level), wanted: n(x.wanted) }) : t('fit.term.niceNone');
        case 'languages':
            return t('fit.term.languages', { shared: n(x.shared), needed: n(x.needed) });
        case 'experience':
            return x.skill ? t('fit.term.experience', { skill: x.skill, years: n(x.years) }) : t('fit.term.experienceNone');
        case 'style':
            if (!x.axis) return t('fit.term.styleNone');
            return t('fit.term.style', {
                axis: axisName(x.axis),
                assistant: styleWord(x.axis as Axis, x.assistant_value),
                executive: styleWord(x.axis as Axis, x.executive_value),
            });
        case 'hours':
            return t('fit.term.hours', { overlap: n(x.overlap_hours), needed: n(x.needed_hours) });
        case 'workload':
            return t('fit.term.workload', { free: n(x.free_hours), needed: n(x.workload_hours) });
        default: {
            if (x.mediation) return t('fit.term.historyCase', { covers: n(x.covers_ok) });
            if (x.covers_bad && x.last_bad_at)
                return t('fit.term.historyBad', { count: x.covers_bad, date: fmtShortDate(localDate(x.last_bad_at, tz)), good: n(x.covers_ok) });
            return t('fit.term.history', { covers: n(x.covers_ok) });
        }
    }
}

function Explanation({ terms, tz }: { terms: Term[]; tz: string }) {
    return (
        <ul class="plain fit-terms">
            {terms
                .filter((x) => x.term !== 'must' || x.trained)
                .map((x) => (
                    <li key={x.term}>
                        <span class={x.points < 0 ? 'fit-minus' : 'fit-plus'}>{t('fit.points', { points: `${x.points >= 0 ? '+' : '−'}${fmtNumber(Math.abs(x.points), { maximumFractionDigits: 1 })}` })}</span> {termText(x, tz)}
                    </li>
                ))}
        </ul>
    );
}

// ---- the best fits for one executive ----

interface Skill {
    skill_id: number;
    skill: string | null;
}
interface FitRow {
    assistant_id: number;
    assistant: string;
    score: number;
    places_left: number;
    free_hours: number;
    current: boolean;
    designated_backup: boolean;
    training: Skill[];
    terms: Term[];
}
interface FitAnswer {
    principal_id: number | null;
    principal: string | null;
    history: boolean;
    fits: FitRow[];
    suggested_backups: { assistant_id: number; assistant: string; score: number }[];
    not_eligible: number;
    must_have: Skill[];
    excluded?: { assistant_id: number; assistant?: string; reason: string }[];
    backups_version?: number;
}

function reasonText(r: string): string {
    return r === 'incompatible' ? t('fit.reason.incompatible') : r === 'open_case' ? t('fit.reason.openCase') : t('fit.reason.excluded');
}

function BestFits({ principal, exclude }: { principal: number; exclude: number }) {
    const [training, setTraining] = useState(false);
    const [done, setDone] = useState<string | null>(null);
    const [error, setError] = useState<unknown>(null);
    const [busy, setBusy] = useState(0);
    const a = useAsync(
        () => get<FitAnswer>('/fit', { principal_id: principal, allow_training: training ? 1 : 0, exclude: exclude || undefined }),
        [principal, training, exclude],
    );
    const tz = useAsync(async () => (await store.peopleById()).get(principal)?.time_zone || browserZone(), [principal]);
    const excludedName = a.data?.excluded?.find((x) => x.assistant_id === exclude)?.assistant;
    const designate = async (b: FitAnswer['suggested_backups'][number]) => {
        setBusy(b.assistant_id);
        setError(null);
        setDone(null);
        try {
            await request('POST', '/fit/backups', { body: { principal_id: principal, assistant_id: b.assistant_id }, ifMatch: a.data?.backups_version });
            setDone(t('fit.designated', { name: b.assistant, executive: a.data?.principal || '' }));
            a.reload();
        } catch (e) {
            setError(e);
            if (e instanceof ApiError && (e.status === 412 || e.status === 409)) a.reload();
        } finally {
            setBusy(0);
        }
    };
    const assign = async (row: FitRow) => {
        setBusy(row.assistant_id);
        setError(null);
        setDone(null);
        try {
            await post('/fit/assign', { principal_id: principal, assistant_id: row.assistant_id, allow_training: row.training.length > 0 });
            store.invalidate('assignments');
            setDone(t('fit.assigned', { name: row.assistant, executive: a.data?.principal || '' }));
            a.reload();
        } catch (e) {
            setError(e);
        } finally {
            setBusy(0);
        }
    };
    return (
        <section>
            <PageHead title={a.data?.principal ? t('fit.bestFor', { name: a.data.principal }) : t('fit.bestTitle')} />
            <p class="hint">{t('fit.suggestNote')}</p>
            {exclude > 0 && (
                <p class="notice" role="note">
                    {t('fit.excludedNote', { name: excludedName || `#${exclude}` })}
                </p>
            )}
            <p>
                <a href={href('/people/principal/' + principal)}>{t('fit.backToProfile')}</a> · <a href={href('/matching')}>{t('fit.whatIfLink')}</a>
            </p>
            <Checkbox label={t('fit.allowTraining')} checked={training} onValue={setTraining} />
            {done && (
                <p class="notice" role="status">
                    {done}
                </p>
            )}
            {error !== null && <ErrorBox error={error} />}
            <Show a={a} what={t('fit.loading')}>
                {(d) => (
                    <>
                        {d.must_have.length > 0 && <p class="muted">{t('fit.mustHave', { skills: d.must_have.map((s) => s.skill || `#${s.skill_id}`).join(', ') })}</p>}
                        {d.fits.length === 0 ? (
                            <Empty>{t('fit.noneFit')}</Empty>
                        ) : (
                            <ol class="plain fit-list">
                                {d.fits.map((row) => (
                                    <li key={row.assistant_id} class="card fit-row">
                                        <h2>
                                            <a href={href('/people/assistant/' + row.assistant_id)}>{row.assistant}</a>{' '}
                                            <span class="badge fit-score">{t('fit.score', { score: row.score })}</span>
                                            {row.current && <span class="badge">{t('fit.current')}</span>}
                                            {row.designated_backup && <span class="badge">{t('fit.isBackup')}</span>}
                                        </h2>
                                        <p class="muted">
                                            {t('fit.places', { count: row.places_left })} · {t('fit.freeHours', { hours: fmtNumber(row.free_hours, { maximumFractionDigits: 1 }) })}
                                        </p>
                                        {row.training.length > 0 && <p class="fit-training">{t('fit.training', { skills: row.training.map((s) => s.skill || `#${s.skill_id}`).join(', ') })}</p>}
                                        <Explanation terms={row.terms} tz={tz.data || browserZone()} />
                                        {!row.current && (
                                            <button type="button" class="btn primary" disabled={busy !== 0} onClick={() => assign(row)}>
                                                {t('fit.assign', { name: row.assistant })}
                                            </button>
                                        )}
                                    </li>
                                ))}
                            </ol>
                        )}
                        {d.not_eligible > 0 && <p class="muted">{t('fit.notEligible', { count: d.not_eligible })}</p>}
                        <section class="card">
                            <h2>{t('fit.backups')}</h2>
                            {d.suggested_backups.length === 0 ? (
                                <Empty>{t('fit.noBackups')}</Empty>
                            ) : (
                                <ul class="plain">
                                    {d.suggested_backups.map((b) => (
                                        <li key={b.assistant_id} class="fit-backup">
                                            {b.assistant} — {t('fit.score', { score: b.score })}{' '}
                                            <button type="button" class="btn small" disabled={busy !== 0} onClick={() => designate(b)}>
                                                {t('fit.designate', { name: b.assistant })}
                                            </button>
                                        </li>
                                    ))}
                                </ul>
                            )}
                        </section>
                        {d.excluded && d.excluded.length > 0 && (
                            <section class="card">
                                <h2>{t('fit.excludedTitle')}</h2>
                                <ul class="plain">
                                    {d.excluded.map((x) => (
                                        <li key={x.assistant_id}>
                                            {x.assistant || `#${x.assistant_id}`} — {reasonText(x.reason)}
                                        </li>
                                    ))}
                                </ul>
                            </section>
                        )}
                    </>
                )}
            </Show>
        </section>
    );
}

// ---- the department's what-if ----

interface Change {
    principal_id: number;
    principal: string;
    from_id: number | null;
    from: string | null;
    from_fit: number | null;
    to_id: number;
    to: string;
    to_fit: number;
    gain: number;
    group: number;
    needs: number[];
}
interface Proposals {
    department: string | null;
    executives: number;
    total_today: number;
    total_proposed: number;
    gain: number;
    changes: Change[];
    unplaced: { principal_id: number; principal: string }[];
    basis: string;
}

function WhatIf({ department }: { department: string }) {
    const deps = useAsync(async () => store.distinct((await store.principals()).map((p) => p.department)), []);
    const a = useAsync(() => get<Proposals>('/matching/proposals', { department: department || undefined }), [department]);
    const [error, setError] = useState<unknown>(null);
    const [done, setDone] = useState<string | null>(null);
    const [busy, setBusy] = useState(false);
    const accept = async (p: Proposals, changes: Change[] | null) => {
        setBusy(true);
        setError(null);
        setDone(null);
        try {
            const r = await post<{ accepted: number }>('/matching/proposals/accept', {
                department: department || null,
                basis: p.basis,
                ...(changes ? { changes: changes.map((c) => ({ principal_id: c.principal_id, to_id: c.to_id })) } : {}),
            });
            setDone(t('fit.accepted', { count: r.accepted }));
            a.reload();
        } catch (e) {
            setError(e);
            if (e instanceof ApiError && e.status === 412) a.reload();
        } finally {
            setBusy(false);
        }
    };
    const go = (d: string) => {
        location.hash = href('/matching', { department: d });
    };
    return (
        <section>
            <PageHead title={t('fit.whatIfTitle')} />
            <p class="hint">{t('fit.whatIfNote')}</p>
            <Show a={deps} what={t('fit.loading')}>
                {(list) => <Select label={t('fit.department')} value={department} onValue={go} options={[['', t('fit.allDepartments')], ...list.map((d): [string, string] => [d, d])]} />}
            </Show>
            {done && (
                <p class="notice" role="status">
                    {done}
                </p>
            )}
            {error !== null && <ErrorBox error={error} />}
            <Show a={a} what={t('fit.loading')}>
                {(p) => {
                    const sizes = new Map<number, number>();
                    const byExec = new Map<number, Change>();
                    for (const c of p.changes) {
                        sizes.set(c.group, (sizes.get(c.group) ?? 0) + 1);
                        byExec.set(c.principal_id, c);
                    }
                    return (
                        <>
                            <dl class="facts fit-totals">
                                <dt>{t('fit.before')}</dt>
                                <dd>{fmtNumber(p.total_today)}</dd>
                                <dt>{t('fit.after')}</dt>
                                <dd>{fmtNumber(p.total_proposed)}</dd>
                                <dt>{t('fit.gain')}</dt>
                                <dd>{`${p.gain >= 0 ? '+' : '−'}${fmtNumber(Math.abs(p.gain))}`}</dd>
                            </dl>
                            {p.changes.length === 0 ? (
                                <Empty>{t('fit.noChanges')}</Empty>
                            ) : (
                                <>
                                    {[...sizes.values()].some((n) => n > 1) && <p class="hint">{t('fit.linkedNote')}</p>}
                                    <div class="table-wrap">
                                        <table class="list fit-changes">
                                            <caption class="sr-only">{t('fit.changes')}</caption>
                                            <thead>
                                                <tr>
                                                    <th scope="col">{t('fit.col.executive')}</th>
                                                    <th scope="col">{t('fit.col.today')}</th>
                                                    <th scope="col">{t('fit.col.proposed')}</th>
                                                    <th scope="col">{t('fit.gain')}</th>
                                                    <th scope="col">
                                                        <span class="sr-only">{t('fit.col.decide')}</span>
                                                    </th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {p.changes.map((c) => {
                                                    const linked = (sizes.get(c.group) ?? 0) > 1;
                                                    const needs = c.needs.map((id) => byExec.get(id)).filter((x): x is Change => !!x);
                                                    return (
                                                        <tr key={c.principal_id} class={linked ? 'fit-linked' : undefined}>
                                                            <th scope="row">
                                                                <a href={href('/matching', { principal: c.principal_id })}>{c.principal}</a>
                                                                {linked && (
                                                                    <>
                                                                        {' '}
                                                                        <span class="badge">{t('fit.linkedGroup', { group: c.group })}</span>
                                                                    </>
                                                                )}
                                                            </th>
                                                            <td>{c.from ? t('fit.withFit', { name: c.from, fit: c.from_fit ?? 0 }) : t('fit.nobody')}</td>
                                                            <td>
                                                                {t('fit.withFit', { name: c.to, fit: c.to_fit })}
                                                                {needs.length > 0 && <p class="muted fit-needs">{t('fit.needs', { name: c.to, changes: needs.map((x) => x.principal).join(', ') })}</p>}
                                                            </td>
                                                            <td>{`${c.gain >= 0 ? '+' : '−'}${fmtNumber(Math.abs(c.gain))}`}</td>
                                                            <td>
                                                                <button type="button" class="btn small" disabled={busy} onClick={() => accept(p, [c, ...needs])}>
                                                                    {needs.length > 0 ? t('fit.acceptWith', { name: c.principal, count: needs.length }) : t('fit.acceptOne', { name: c.principal })}
                                                                </button>
                                                            </td>
                                                        </tr>
                                                    );
                                                })}
                                            </tbody>
                                        </table>
                                    </div>
                                    <button type="button" class="btn primary" disabled={busy} onClick={() => accept(p, null)}>
                                        {t('fit.acceptAll', { count: p.changes.length })}
                                    </button>
                                </>
                            )}
                            {p.unplaced.length > 0 && <p class="muted">{t('fit.unplaced', { names: p.unplaced.map((u) => u.principal).join(', ') })}</p>}
                        </>
                    );
                }}
            </Show>
        </section>
    );
}

/** #/matching: the what-if; #/matching?principal=ID[&exclude=ID]: that executive's best fits. */
export function Matching({ query }: { params: Record<string, string>; query: URLSearchParams }) {
    const principal = Number(query.get('principal') || 0);
    if (principal > 0) return <BestFits principal={principal} exclude={Number(query.get('exclude') || 0)} />;
    return <WhatIf department={query.get('department') || ''} />;
}

// ---- on the profile pages ----

type Styled = { pace?: number | null; formality?: number | null; autonomy?: number | null; channel?: number | null };

function StyleEditor({ value, onSave, saveLabel }: { value: Styled; onSave: (v: Styled) => Promise<void>; saveLabel: string }) {
    const [draft, setDraft] = useState<Styled>({ ...value });
    const [error, setError] = useState<unknown>(null);
    const [saved, setSaved] = useState(false);
    const opts = (a: Axis): [string, string][] => [
        ['', t('fit.notStated')],
        ...[-2, -1, 0, 1, 2].map((v): [string, string] => [String(v), styleWord(a, v)]),
    ];
    return (
        <form
            onSubmit={async (e) => {
                e.preventDefault();
                setError(null);
                setSaved(false);
                try {
                    await onSave(draft);
                    setSaved(true);
                } catch (x) {
                    setError(x);
                }
            }}
        >
            {AXES.map((a) => (
                <Select
                    key={a}
                    label={axisName(a)}
                    value={draft[a] === null || draft[a] === undefined ? '' : String(draft[a])}
                    onValue={(v) => setDraft({ ...draft, [a]: v === '' ? null : Number(v) })}
                    options={opts(a)}
                />
            ))}
            {error !== null && <ErrorBox error={error} />}
            {saved && (
                <p class="notice" role="status">
                    {t('fit.saved')}
                </p>
            )}
            <button type="submit" class="btn primary">
                {saveLabel}
            </button>
        </form>
    );
}

function StyleFacts({ value }: { value: Styled }) {
    return (
        <dl class="facts">
            {AXES.map((a) => (
                <>
                    <dt key={`${a}-t`}>{axisName(a)}</dt>
                    <dd key={`${a}-d`}>{styleWord(a, value[a])}</dd>
                </>
            ))}
        </dl>
    );
}

function pick(s: Styled): Styled {
    return { pace: s.pace ?? null, formality: s.formality ?? null, autonomy: s.autonomy ?? null, channel: s.channel ?? null };
}

/** The executive's role profile, agreed with the manager; a "Best fits" link for managers. */
function RoleProfileCard({ id, canEdit, manager }: { id: number; canEdit: boolean; manager: boolean }) {
    const rec = useAsync(async () => (await listAll<RoleProfile>('/role-profiles', { principal_id: id }))[0] ?? null, [id]);
    const [workload, setWorkload] = useState<string | null>(null);
    return (
        <section class="card">
            <h2>{t('fit.profileTitle')}</h2>
            <p class="hint">{t('fit.styleNote')}</p>
            {manager && (
                <p>
                    <a href={href('/matching', { principal: id })}>{t('fit.bestFitsLink')}</a>
                </p>
            )}
            <Show a={rec} what={t('fit.loading')}>
                {(r) => {
                    const save = async (s: Styled) => {
                        const hours = workload === null ? undefined : Number(workload.replace(',', '.'));
                        const body = { ...pick(s), ...(hours !== undefined && !Number.isNaN(hours) ? { workload_hours: hours } : {}) };
                        const out = r ? await patch<RoleProfile>(`/role-profiles/${r.id}`, body, r.version) : await post<RoleProfile>('/role-profiles', { principal_id: id, ...body });
                        rec.setData(out);
                    };
                    return canEdit ? (
                        <>
                            <Field
                                label={t('fit.workload')}
                                inputMode="decimal"
                                value={workload ?? String(r?.workload_hours ?? 0)}
                                onValue={setWorkload}
                                hint={t('fit.workloadHint')}
                            />
                            <StyleEditor value={pick(r ?? {})} onSave={save} saveLabel={t('fit.saveProfile')} />
                        </>
                    ) : r ? (
                        <>
                            <p>{t('fit.workloadIs', { hours: fmtNumber(r.workload_hours ?? 0, { maximumFractionDigits: 1 }) })}</p>
                            <StyleFacts value={pick(r)} />
                        </>
                    ) : (
                        <Empty>{t('fit.noProfile')}</Empty>
                    );
                }}
            </Show>
        </section>
    );
}

/** The assistant's own working style and their years per duty. */
function AssistantFitCards({ id, canEdit }: { id: number; canEdit: boolean }) {
    const style = useAsync(async () => (await listAll<WorkStyle>('/work-styles', { assistant_id: id }))[0] ?? null, [id]);
    const exp = useAsync(async () => {
        const [rows, duties] = await Promise.all([listAll<DutyExperience>('/duty-experience', { assistant_id: id }), store.duties()]);
        return { rows, duties };
    }, [id]);
    const [duty, setDuty] = useState('');
    const [years, setYears] = useState('');
    const [error, setError] = useState<unknown>(null);
    const addExperience = async (rows: DutyExperience[], duties: Duty[]) => {
        setError(null);
        const y = Number(years.replace(',', '.'));
        const d = Number(duty || duties[0]?.id || 0);
        try {
            const have = rows.find((r) => r.duty_id === d);
            if (have) await patch(`/duty-experience/${have.id}`, { years: y }, have.version);
            else await post('/duty-experience', { assistant_id: id, duty_id: d, years: y });
            setYears('');
            exp.reload();
        } catch (e) {
            setError(e);
        }
    };
    return (
        <>
            <section class="card">
                <h2>{t('fit.styleTitle')}</h2>
                <p class="hint">{t('fit.styleNote')}</p>
                <Show a={style} what={t('fit.loading')}>
                    {(s) =>
                        canEdit ? (
                            <StyleEditor
                                value={pick(s ?? {})}
                                saveLabel={t('fit.saveStyle')}
                                onSave={async (v) => {
                                    const out = s ? await patch<WorkStyle>(`/work-styles/${s.id}`, v, s.version) : await post<WorkStyle>('/work-styles', { assistant_id: id, ...v });
                                    style.setData(out);
                                }}
                            />
                        ) : s ? (
                            <StyleFacts value={pick(s)} />
                        ) : (
                            <Empty>{t('fit.noStyle')}</Empty>
                        )
                    }
                </Show>
            </section>
            <section class="card">
                <h2>{t('fit.experienceTitle')}</h2>
                <Show a={exp} what={t('fit.loading')}>
                    {({ rows, duties }) => {
                        const names = new Map(duties.map((d) => [d.id, d.name]));
                        return (
                            <>
                                {rows.length === 0 ? (
                                    <Empty>{t('fit.noExperience')}</Empty>
                                ) : (
                                    <ul class="plain">
                                        {rows.map((r) => (
                                            <li key={r.id}>
                                                {t('fit.experienceRow', { duty: names.get(r.duty_id) || `#${r.duty_id}`, years: fmtNumber(r.years, { maximumFractionDigits: 1 }) })}{' '}
                                                {canEdit && (
                                                    <button
                                                        type="button"
                                                        class="btn small ghost"
                                                        onClick={async () => {
                                                            try {
                                                                await del(`/duty-experience/${r.id}`, r.version);
                                                                exp.reload();
                                                            } catch (e) {
                                                                setError(e);
                                                            }
                                                        }}
                                                    >
                                                        {t('fit.remove', { duty: names.get(r.duty_id) || `#${r.duty_id}` })}
                                                    </button>
                                                )}
                                            </li>
                                        ))}
                                    </ul>
                                )}
                                {canEdit && duties.length > 0 && (
                                    <form
                                        class="inline-form"
                                        onSubmit={(e) => {
                                            e.preventDefault();
                                            addExperience(rows, duties);
                                        }}
                                    >
                                        <Select label={t('fit.duty')} value={duty || String(duties[0].id)} onValue={setDuty} options={duties.map((d): [string, string] => [String(d.id), d.name])} />
                                        <Field label={t('fit.years')} inputMode="decimal" value={years} onValue={setYears} />
                                        <button type="submit" class="btn">
                                            {t('fit.saveExperience')}
                                        </button>
                                    </form>
                                )}
                                {error !== null && <ErrorBox error={error} />}
                            </>
                        );
                    }}
                </Show>
            </section>
        </>
    );
}

// ---- how past covers went ----

interface Rating {
    id: number;
    version: number;
    outcome: 'well' | 'badly';
    note: string | null;
    rated_by: string;
    rated_at: string;
}
interface PastCover {
    cover_id: number;
    assistant_id: number;
    assistant: string;
    start_at: string;
    end_at: string;
    executive: Rating | null;
    manager?: Rating | null;
    outcome?: 'well' | 'badly' | null;
}
interface PastCovers {
    principal_id: number;
    manager: boolean;
    days: number;
    covers: PastCover[];
}

function outcomeText(o: string): string {
    return o === 'badly' ? t('fit.rate.badly') : t('fit.rate.well');
}

function CoverRow({ c, manager, tz, onSaved }: { c: PastCover; manager: boolean; tz: string; onSaved: () => void }) {
    const mine = manager ? c.manager : c.executive;
    const [note, setNote] = useState(mine?.note ?? '');
    const [error, setError] = useState<unknown>(null);
    const [busy, setBusy] = useState(false);
    const when = fmtSpan(c.start_at, c.end_at, tz);
    const rate = async (outcome: 'well' | 'badly') => {
        setBusy(true);
        setError(null);
        try {
            await request('POST', `/coverage/covers/${c.cover_id}/rating`, { body: { outcome, note: note.trim() || null }, ifMatch: mine?.version });
            onSaved();
        } catch (e) {
            setError(e);
        } finally {
            setBusy(false);
        }
    };
    const other = manager ? c.executive : null;
    return (
        <li class="card-row fit-cover">
            <p>
                <strong>{c.assistant}</strong> · {when}
            </p>
            {mine && <p class="muted">{t('fit.rate.yours', { outcome: outcomeText(mine.outcome), note: mine.note || '—' })}</p>}
            {other && <p class="muted">{t('fit.rate.executives', { outcome: outcomeText(other.outcome), note: other.note || '—' })}</p>}
            <Field label={t('fit.rate.note', { name: c.assistant, when })} value={note} onValue={setNote} />
            <div class="btn-row">
                <button type="button" class="btn small" disabled={busy} aria-label={t('fit.rate.wellFor', { name: c.assistant, when })} onClick={() => rate('well')}>
                    {t('fit.rate.well')}
                </button>
                <button type="button" class="btn small" disabled={busy} aria-label={t('fit.rate.badlyFor', { name: c.assistant, when })} onClick={() => rate('badly')}>
                    {t('fit.rate.badly')}
                </button>
            </div>
            {error !== null && <ErrorBox error={error} />}
        </li>
    );
}

/** The executive's past covers, to say how each went: managers and the executive themselves. */
function PastCoversCard({ id, manager }: { id: number; manager: boolean }) {
    const a = useAsync(async () => {
        const [list, people] = await Promise.all([get<PastCovers>('/fit/covers', { principal_id: id }), store.peopleById().catch(() => new Map())]);
        return { list, tz: (people.get(id)?.time_zone as string | undefined) || browserZone() };
    }, [id]);
    return (
        <section class="card">
            <h2>{t('fit.rate.title')}</h2>
            <p class="hint">{manager ? t('fit.rate.noteManager') : t('fit.rate.noteExecutive')}</p>
            <Show a={a} what={t('fit.loading')}>
                {({ list, tz }) =>
                    list.covers.length === 0 ? (
                        <Empty>{t('fit.rate.none', { days: list.days })}</Empty>
                    ) : (
                        <ul class="plain covers-list">
                            {list.covers.map((c) => (
                                <CoverRow key={`${c.cover_id}-${(manager ? c.manager : c.executive)?.version ?? 0}`} c={c} manager={manager} tz={tz} onSaved={() => a.reload()} />
                            ))}
                        </ul>
                    )
                }
            </Show>
        </section>
    );
}

/** The profile page's role-fit cards: for the person themselves and managers. */
export function FitSections({ kind, id }: { kind: string; id: number }) {
    const { account } = useAuth();
    const manager = isManager(account.role);
    const self = account.person_id === id;
    if (!manager && !self) return null;
    if (kind === 'principal')
        return (
            <>
                <RoleProfileCard id={id} canEdit={manager || self} manager={manager} />
                <PastCoversCard id={id} manager={manager} />
            </>
        );
    if (kind === 'assistant') return <AssistantFitCards id={id} canEdit={manager || self} />;
    return null;
}

