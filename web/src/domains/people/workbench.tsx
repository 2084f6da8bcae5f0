// workbench.tsx: the manager's tools on a person's page: assignments (assign, change, end),
// designated backups (add, remove, reorder, saved at once), skills with levels, duties with
// must-have, and weekly working hours from a date. Each edit that changes coverage shows its
// effect (POST /support/preview) before it is saved.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, AssistantSkill, Principal, PrincipalDuty, del, get, listAll, patch, post } from '../../api';
import type { components } from '../../gen/openapi';
import { t, type Key } from '../../i18n';
import { href } from '../../router';
import * as store from '../../store';
import { today } from '../../time';
import { ConflictMerge, type MergeField, type Values } from '../../components/conflict';
import { useAction } from '../../components/hooks';
import { Checkbox, Empty, ErrorBox, Field, Select, Show, fieldError, formError, useAsync } from '../../components/ui';
import { fmtDay, weekdayName } from './wbtime';

type Assignment = components['schemas']['Assignment'];

/* ---------- the coverage effect of a change ---------- */

export interface PreviewChange {
    entity: 'assignments' | 'work-patterns' | 'designated-backups' | 'work-week';
    action?: 'create' | 'update' | 'delete';
    id?: number;
    version?: number;
    values?: Record<string, unknown>;
}
interface SupportState {
    unsupported_from: string | null;
    until: string | null;
    gap_slots: number;
}
interface Preview {
    from: string;
    to: string;
    slot_minutes: number;
    principals: { principal_id: number; name: string; before: SupportState; after: SupportState; new_gap_days: { date: string; gaps: number }[] }[];
}

/** The sentences of a preview: who loses or regains support, how many hours open or close. */
export function effectSentences(p: Preview): string[] {
    const out: string[] = [];
    const hours = (slots: number) => Math.round(((slots * p.slot_minutes) / 60) * 10) / 10;
    for (const x of p.principals) {
        const b = x.before;
        const a = x.after;
        if (a.unsupported_from && a.unsupported_from !== b.unsupported_from)
            out.push(
                a.until
                    ? t('wb.effect.unsupportedUntil', { name: x.name, from: fmtDay(a.unsupported_from), until: fmtDay(a.until) })
                    : t('wb.effect.unsupported', { name: x.name, from: fmtDay(a.unsupported_from) }),
            );
        else if (!a.unsupported_from && b.unsupported_from) out.push(t('wb.effect.supported', { name: x.name }));
        const d = hours(a.gap_slots - b.gap_slots);
        if (d > 0 && x.new_gap_days.length > 0)
            out.push(t('wb.effect.moreGaps', { name: x.name, count: d, date: fmtDay(x.new_gap_days[0].date) }));
        else if (d < 0) out.push(t('wb.effect.fewerGaps', { name: x.name, count: -d }));
    }
    if (out.length === 0) out.push(t('wb.effect.none', { from: fmtDay(p.from), to: fmtDay(p.to) }));
    return out;
}

/** Previews changes (null: nothing to preview) a moment after they stop changing. */
function usePreview(changes: PreviewChange[] | null) {
    const [state, setState] = useState<{ data: Preview | null; loading: boolean }>({ data: null, loading: false });
    const key = changes ? JSON.stringify(changes) : '';
    useEffect(() => {
        if (!changes) {
            setState({ data: null, loading: false });
            return;
        }
        let live = true;
        setState((s) => ({ ...s, loading: true }));
        const timer = setTimeout(() => {
            // from the browser's today, as the forms' dates are (the server's default is UTC's date)
            post<Preview>('/support/preview', { changes, from: today() }).then(
                (data) => live && setState({ data, loading: false }),
                // A change the server refuses is explained when it is saved.
                () => live && setState({ data: null, loading: false }),
            );
        }, 300);
        return () => {
            live = false;
            clearTimeout(timer);
        };
        // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [key]);
    return state;
}

/** "Effect on coverage": the preview of changes, updated as the form changes. */
export function EffectNote({ changes }: { changes: PreviewChange[] | null }) {
    const p = usePreview(changes);
    if (!changes) return null;
    return (
        <div class="effect" role="status" aria-live="polite">
            <strong>{t('wb.effect.title')}</strong>{' '}
            {p.loading && !p.data ? (
                <span class="muted">{t('wb.effect.checking')}</span>
            ) : p.data ? (
                <ul class="plain">
                    {effectSentences(p.data).map((s) => (
                        <li key={s}>{s}</li>
                    ))}
                </ul>
            ) : null}
        </div>
    );
}

/* ---------- assignments ---------- */

const KINDS: Assignment['kind'][] = ['primary', 'secondary', 'backup'];
const kindOptions = (): [string, string][] => KINDS.map((k) => [k, t(`wb.kind.${k}` as Key)]);

interface AssignForm {
    other: string;
    kind: string;
    share: string;
    start_date: string;
    end_date: string;
}

const num = (s: string): number | string => (s.trim() !== '' && !Number.isNaN(Number(s)) ? Number(s) : s);

function assignmentValues(f: AssignForm): Values {
    return { kind: f.kind, share: num(f.share), start_date: f.start_date, end_date: f.end_date || null };
}

const ASSIGN_FIELDS = (): MergeField[] => [
    { key: 'kind', label: t('wb.assign.kind') },
    { key: 'share', label: t('wb.assign.share') },
    { key: 'start_date', label: t('wb.assign.start') },
    { key: 'end_date', label: t('wb.assign.end') },
];

/** A person's assignments (as the assistant or the executive), with assign / change / end. */
export function AssignmentsEditor({ side, id }: { side: 'assistant' | 'principal'; id: number }) {
    const otherSide = side === 'assistant' ? 'principal' : 'assistant';
    const data = useAsync(async () => {
        const [rows, others] = await Promise.all([
            listAll<Assignment>('/assignments', { [`${side}_id`]: id }),
            otherSide === 'assistant' ? store.assistants() : store.principals(),
        ]);
        const names = new Map(others.map((o) => [o.id, o.name]));
        const sorted = rows.slice().sort((a, b) => (b.end_date || '9999').localeCompare(a.end_date || '9999') || a.start_date.localeCompare(b.start_date));
        return { rows: sorted, others: others.filter((o) => o.active).sort((a, b) => a.name.localeCompare(b.name)), names };
    }, [side, id]);
    const [editing, setEditing] = useState<number | 'new' | null>(null);
    const title = side === 'assistant' ? t('wb.assign.titleAssistant') : t('wb.assign.titlePrincipal');
    const headId = `wb-assign-${side}-${id}`;
    const t0 = today();
    return (
        <section class="card wide workbench" aria-labelledby={headId}>
            <h2 id={headId}>{title}</h2>
            <Show a={data} what={t('wb.loading')}>
                {(d) => (
                    <>
                        {d.rows.length === 0 ? (
                            <Empty>{t('wb.assign.none')}</Empty>
                        ) : (
                            <table class="list assignments">
                                <caption class="sr-only">{title}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{side === 'assistant' ? t('wb.assign.principal') : t('wb.assign.assistant')}</th>
                                        <th scope="col">{t('wb.assign.kind')}</th>
                                        <th scope="col">{t('wb.assign.share')}</th>
                                        <th scope="col">{t('wb.assign.period')}</th>
                                        <th scope="col">
                                            <span class="sr-only">{t('wb.actions')}</span>
                                        </th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {d.rows.map((r) => {
                                        const otherId = side === 'assistant' ? r.principal_id : r.assistant_id;
                                        const name = d.names.get(otherId) || `#${otherId}`;
                                        const ended = r.end_date !== null && r.end_date < t0;
                                        return (
                                            <tr key={r.id} class={ended ? 'muted' : undefined}>
                                                <td>
                                                    <a href={href(`/people/${otherSide}/${otherId}`)}>{name}</a>
                                                </td>
                                                <td>{t(`wb.kind.${r.kind}` as Key)}</td>
                                                <td>{t('wb.assign.percent', { count: r.share })}</td>
                                                <td>
                                                    {r.end_date
                                                        ? t('wb.period.fromTo', { from: fmtDay(r.start_date), to: fmtDay(r.end_date) })
                                                        : t('wb.period.from', { from: fmtDay(r.start_date) })}
                                                </td>
                                                <td>
                                                    {!ended && editing !== r.id && (
                                                        <button type="button" class="btn small" onClick={() => setEditing(r.id)} aria-label={t('wb.assign.changeOf', { name })}>
                                                            {t('wb.assign.change')}
                                                        </button>
                                                    )}
                                                </td>
                                            </tr>
                                        );
                                    })}
                                </tbody>
                            </table>
                        )}
                        {typeof editing === 'number' && d.rows.some((r) => r.id === editing) && (
                            <AssignmentForm
                                key={editing}
                                side={side}
                                record={d.rows.find((r) => r.id === editing)!}
                                otherName={d.names.get(side === 'assistant' ? d.rows.find((r) => r.id === editing)!.principal_id : d.rows.find((r) => r.id === editing)!.assistant_id) || ''}
                                others={d.others}
                                onDone={(changed) => {
                                    setEditing(null);
                                    if (changed) data.reload();
                                }}
                                personId={id}
                            />
                        )}
                        {editing === 'new' ? (
                            <AssignmentForm
                                side={side}
                                others={d.others}
                                personId={id}
                                onDone={(changed) => {
                                    setEditing(null);
                                    if (changed) data.reload();
                                }}
                            />
                        ) : (
                            editing === null && (
                                <button type="button" class="btn" onClick={() => setEditing('new')}>
                                    {side === 'assistant' ? t('wb.assign.newForAssistant') : t('wb.assign.newForPrincipal')}
                                </button>
                            )
                        )}
                    </>
                )}
            </Show>
        </section>
    );
}

function AssignmentForm({
    side,
    record,
    otherName,
    others,
    personId,
    onDone,
}: {
    side: 'assistant' | 'principal';
    record?: Assignment;
    otherName?: string;
    others: { id: number; name: string }[];
    personId: number;
    onDone: (changed: boolean) => void;
}) {
    const [base, setBase] = useState(record);
    const fromRecord = (r?: Assignment): AssignForm => ({
        other: '',
        kind: r?.kind || 'primary',
        share: String(r?.share ?? 100),
        start_date: r?.start_date || today(),
        end_date: r?.end_date || '',
    });
    const [f, setF] = useState<AssignForm>(() => fromRecord(record));
    const [server, setServer] = useState<Assignment | null>(null);
    const { busy, error, run, setError } = useAction();
    const set = (k: keyof AssignForm) => (v: string) => setF((s) => ({ ...s, [k]: v }));
    const err = (k: string) => fieldError(error, k);

    let changes: PreviewChange[] | null = null;
    let body: Values | null = null;
    if (base) {
        const now = assignmentValues(f);
        const was = assignmentValues(fromRecord(base));
        const diff: Values = {};
        for (const k of Object.keys(now)) if (JSON.stringify(now[k]) !== JSON.stringify(was[k])) diff[k] = now[k];
        if (Object.keys(diff).length > 0) {
            body = diff;
            changes = [{ entity: 'assignments', action: 'update', id: base.id, version: base.version, values: diff }];
        }
    } else if (f.other && f.start_date) {
        const pair = side === 'assistant' ? { assistant_id: personId, principal_id: Number(f.other) } : { assistant_id: Number(f.other), principal_id: personId };
        body = { ...pair, ...assignmentValues(f) };
        if (!f.end_date) delete body.end_date;
        changes = [{ entity: 'assignments', action: 'create', values: body }];
    }

    function submit(e: Event) {
        e.preventDefault();
        if (!body) {
            onDone(false);
            return;
        }
        run(async () => {
            try {
                if (base) await patch(`/assignments/${base.id}`, body, base.version);
                else await post('/assignments', body);
            } catch (x) {
                if (x instanceof ApiError && x.status === 412 && base) setServer(await get<Assignment>(`/assignments/${base.id}`));
                throw x;
            }
            onDone(true);
        }, 'save');
    }

    const label = base
        ? t('wb.assign.editLabel', { name: otherName || '' })
        : side === 'assistant'
          ? t('wb.assign.newForAssistant')
          : t('wb.assign.newForPrincipal');
    const conflict = error instanceof ApiError && error.status === 412 && server && base;
    return (
        <form class="form inline-form" onSubmit={submit} noValidate aria-label={label}>
            <h3>{label}</h3>
            {conflict ? (
                <ConflictMerge
                    fields={ASSIGN_FIELDS()}
                    base={assignmentValues(fromRecord(base))}
                    mine={assignmentValues(f)}
                    server={assignmentValues(fromRecord(server))}
                    onReapply={(m) => {
                        setBase(server);
                        setF({ ...fromRecord(server), ...Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v === null ? '' : String(v)])) } as AssignForm);
                        setServer(null);
                        setError(null);
                    }}
                    onDiscard={() => {
                        setBase(server);
                        setF(fromRecord(server));
                        setServer(null);
                        setError(null);
                    }}
                />
            ) : (
                <ErrorBox error={formError(error, ['assistant_id', 'principal_id', 'kind', 'share', 'start_date', 'end_date'])} />
            )}
            <div class="grid2">
                {!base && (
                    <Select
                        label={side === 'assistant' ? t('wb.assign.principal') : t('wb.assign.assistant')}
                        value={f.other}
                        onValue={set('other')}
                        error={err(side === 'assistant' ? 'principal_id' : 'assistant_id')}
                        options={[['', t('wb.choose')], ...others.map((o): [string, string] => [String(o.id), o.name])]}
                    />
                )}
                <Select label={t('wb.assign.kind')} value={f.kind} onValue={set('kind')} error={err('kind')} options={kindOptions()} />
                <Field label={t('wb.assign.share')} inputMode="numeric" value={f.share} onValue={set('share')} error={err('share')} hint={t('wb.assign.shareHint')} />
                <Field label={t('wb.assign.start')} type="date" value={f.start_date} onValue={set('start_date')} error={err('start_date')} />
                <Field label={t('wb.assign.end')} type="date" value={f.end_date} onValue={set('end_date')} error={err('end_date')} hint={t('wb.assign.endHint')} />
            </div>
            {base && !f.end_date && (
                <p>
                    <button type="button" class="btn small" onClick={() => set('end_date')(today())}>
                        {t('wb.assign.endToday')}
                    </button>
                </p>
            )}
            <EffectNote changes={conflict ? null : changes} />
            <div class="btn-row">
                <button type="submit" class="btn primary" disabled={!!busy || !body}>
                    {busy === 'save' ? t('wb.saving') : base ? t('wb.save') : t('wb.assign.create')}
                </button>
                <button type="button" class="btn ghost" onClick={() => onDone(false)}>
                    {t('wb.cancel')}
                </button>
            </div>
        </form>
    );
}

/* ---------- designated backups ---------- */

interface BackupList {
    principal_id: number;
    version: number;
    items: { id: number; assistant_id: number; rank: number; name: string; office: string }[];
}

/** An executive's designated backups in order: add, remove, move up or down, save at once. */
export function BackupsEditor({ principalId }: { principalId: number }) {
    const url = `/principals/${principalId}/designated-backups`;
    const data = useAsync(async () => {
        const [list, assistants] = await Promise.all([get<BackupList>(url), store.assistants()]);
        return { list, assistants: assistants.filter((a) => a.active).sort((a, b) => a.name.localeCompare(b.name)) };
    }, [principalId]);
    const [order, setOrder] = useState<{ assistant_id: number; name: string }[] | null>(null);
    const [version, setVersion] = useState<number | null>(null);
    const [theirs, setTheirs] = useState<BackupList | null>(null);
    const [adding, setAdding] = useState('');
    const [saved, setSaved] = useState(false);
    const { busy, error, run, setError } = useAction();
    const headId = `wb-backups-${principalId}`;

    return (
        <section class="card workbench" aria-labelledby={headId}>
            <h2 id={headId}>{t('wb.backups.title')}</h2>
            <Show a={data} what={t('wb.loading')}>
                {(d) => {
                    const list = order ?? d.list.items.map((i) => ({ assistant_id: i.assistant_id, name: i.name }));
                    const ver = version ?? d.list.version;
                    const dirty = order !== null && JSON.stringify(order.map((o) => o.assistant_id)) !== JSON.stringify(d.list.items.map((i) => i.assistant_id));
                    const edit = (next: { assistant_id: number; name: string }[]) => {
                        setOrder(next);
                        setSaved(false);
                    };
                    const move = (i: number, by: number) => {
                        const next = list.slice();
                        const [x] = next.splice(i, 1);
                        next.splice(i + by, 0, x);
                        edit(next);
                    };
                    const save = () =>
                        run(async () => {
                            try {
                                const r = await patch<BackupList>(url, { assistant_ids: list.map((o) => o.assistant_id) }, ver);
                                data.setData({ ...d, list: r });
                                setOrder(null);
                                setVersion(null);
                                setTheirs(null);
                                setSaved(true);
                            } catch (x) {
                                if (x instanceof ApiError && x.status === 412) setTheirs(await get<BackupList>(url));
                                throw x;
                            }
                        }, 'save');
                    const candidates = d.assistants.filter((a) => !list.some((o) => o.assistant_id === a.id));
                    return (
                        <>
                            {theirs && error instanceof ApiError && error.status === 412 ? (
                                <div class="error-box conflict merge" role="alert">
                                    <p>
                                        <strong>{t('wb.conflict.title')}</strong> {t('wb.backups.conflict')}
                                    </p>
                                    <p>
                                        {t('wb.backups.theirs')} {theirs.items.map((i) => i.name).join(', ') || t('wb.backups.empty')}
                                    </p>
                                    <p>
                                        {t('wb.backups.yours')} {list.map((i) => i.name).join(', ') || t('wb.backups.empty')}
                                    </p>
                                    <div class="btn-row">
                                        <button
                                            type="button"
                                            class="btn primary"
                                            onClick={() => {
                                                setVersion(theirs.version);
                                                setTheirs(null);
                                                setError(null);
                                            }}
                                        >
                                            {t('wb.conflict.reapply')}
                                        </button>
                                        <button
                                            type="button"
                                            class="btn"
                                            onClick={() => {
                                                data.setData({ ...d, list: theirs });
                                                setOrder(null);
                                                setVersion(null);
                                                setTheirs(null);
                                                setError(null);
                                            }}
                                        >
                                            {t('wb.conflict.discard')}
                                        </button>
                                    </div>
                                </div>
                            ) : (
                                <ErrorBox error={error} />
                            )}
                            {saved && (
                                <p class="notice" role="status">
                                    {t('wb.saved')}
                                </p>
                            )}
                            {list.length === 0 ? (
                                <Empty>{t('wb.backups.none')}</Empty>
                            ) : (
                                <ol class="backups-edit">
                                    {list.map((b, i) => (
                                        <li key={b.assistant_id}>
                                            <a href={href(`/people/assistant/${b.assistant_id}`)}>{b.name}</a>
                                            <span class="row-actions">
                                                <button type="button" class="btn small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('wb.backups.up', { name: b.name })}>
                                                    ↑
                                                </button>
                                                <button type="button" class="btn small" disabled={i === list.length - 1} onClick={() => move(i, 1)} aria-label={t('wb.backups.down', { name: b.name })}>
                                                    ↓
                                                </button>
                                                <button type="button" class="btn small ghost" onClick={() => edit(list.filter((_, k) => k !== i))} aria-label={t('wb.backups.remove', { name: b.name })}>
                                                    ✕
                                                </button>
                                            </span>
                                        </li>
                                    ))}
                                </ol>
                            )}
                            <div class="add-row">
                                <Select label={t('wb.backups.add')} value={adding} onValue={setAdding} options={[['', t('wb.choose')], ...candidates.map((a): [string, string] => [String(a.id), a.name])]} />
                                <button
                                    type="button"
                                    class="btn"
                                    disabled={!adding || list.length >= 20}
                                    onClick={() => {
                                        const a = d.assistants.find((x) => x.id === Number(adding));
                                        if (a) edit([...list, { assistant_id: a.id, name: a.name }]);
                                        setAdding('');
                                    }}
                                >
                                    {t('wb.backups.addButton')}
                                </button>
                            </div>
                            <div class="btn-row">
                                <button type="button" class="btn primary" disabled={!!busy || !dirty} onClick={save}>
                                    {busy === 'save' ? t('wb.saving') : t('wb.backups.save')}
                                </button>
                                {dirty && (
                                    <button
                                        type="button"
                                        class="btn ghost"
                                        onClick={() => {
                                            setOrder(null);
                                            setVersion(null);
                                            setError(null);
                                        }}
                                    >
                                        {t('wb.cancel')}
                                    </button>
                                )}
                            </div>
                        </>
                    );
                }}
            </Show>
        </section>
    );
}

/* ---------- skills and duties ---------- */

const levelOptions = (): [string, string][] => [1, 2, 3, 4, 5].map((n) => [String(n), t('wb.skills.level', { count: n })]);

/** An assistant's skills with their levels: change a level, remove, add. */
export function SkillsEditor({ assistantId }: { assistantId: number }) {
    const data = useAsync(async () => {
        const [mine, catalogue] = await Promise.all([listAll<AssistantSkill>('/assistant-skills', { assistant_id: assistantId }), store.skills()]);
        const names = new Map(catalogue.map((s) => [s.id, s.name]));
        return { mine: mine.map((s) => ({ ...s, name: names.get(s.skill_id) || `#${s.skill_id}` })).sort((a, b) => a.name.localeCompare(b.name)), catalogue };
    }, [assistantId]);
    const [skill, setSkill] = useState('');
    const [level, setLevel] = useState('3');
    const { busy, error, run } = useAction();
    const headId = `wb-skills-${assistantId}`;
    const act = (f: () => Promise<unknown>, name: string) =>
        run(async () => {
            try {
                await f();
            } finally {
                data.reload();
            }
        }, name);
    return (
        <section class="card workbench" aria-labelledby={headId}>
            <h2 id={headId}>{t('wb.skills.title')}</h2>
            <ErrorBox error={error} />
            <Show a={data} what={t('wb.loading')}>
                {(d) => (
                    <>
                        {d.mine.length === 0 ? (
                            <Empty>{t('wb.skills.none')}</Empty>
                        ) : (
                            <ul class="plain edit-list">
                                {d.mine.map((s) => (
                                    <li key={s.id}>
                                        <Select
                                            class="inline"
                                            label={s.name}
                                            value={String(s.level)}
                                            options={levelOptions()}
                                            onValue={(v) => act(() => patch(`/assistant-skills/${s.id}`, { level: Number(v) }, s.version), `level-${s.id}`)}
                                        />
                                        <button type="button" class="btn small ghost" disabled={!!busy} onClick={() => act(() => del(`/assistant-skills/${s.id}`, s.version), `del-${s.id}`)} aria-label={t('wb.skills.remove', { name: s.name })}>
                                            ✕
                                        </button>
                                    </li>
                                ))}
                            </ul>
                        )}
                        <div class="add-row">
                            <Select
                                label={t('wb.skills.add')}
                                value={skill}
                                onValue={setSkill}
                                options={[['', t('wb.choose')], ...d.catalogue.filter((c) => !d.mine.some((m) => m.skill_id === c.id)).map((c): [string, string] => [String(c.id), c.name])]}
                            />
                            <Select label={t('wb.skills.levelLabel')} value={level} onValue={setLevel} options={levelOptions()} />
                            <button
                                type="button"
                                class="btn"
                                disabled={!skill || !!busy}
                                onClick={() => act(async () => {
                                    await post('/assistant-skills', { assistant_id: assistantId, skill_id: Number(skill), level: Number(level) });
                                    setSkill('');
                                }, 'add')}
                            >
                                {t('wb.skills.addButton')}
                            </button>
                        </div>
                    </>
                )}
            </Show>
        </section>
    );
}

/** An executive's duties, each must-have or nice to have: change, remove, add. */
export function DutiesEditor({ principalId }: { principalId: number }) {
    const data = useAsync(async () => {
        const [mine, catalogue] = await Promise.all([listAll<PrincipalDuty>('/principal-duties', { principal_id: principalId }), store.duties()]);
        const names = new Map(catalogue.map((s) => [s.id, s.name]));
        return { mine: mine.map((s) => ({ ...s, name: names.get(s.duty_id) || `#${s.duty_id}` })).sort((a, b) => a.name.localeCompare(b.name)), catalogue };
    }, [principalId]);
    const [duty, setDuty] = useState('');
    const [must, setMust] = useState(true);
    const { busy, error, run } = useAction();
    const headId = `wb-duties-${principalId}`;
    const act = (f: () => Promise<unknown>, name: string) =>
        run(async () => {
            try {
                await f();
            } finally {
                data.reload();
            }
        }, name);
    return (
        <section class="card workbench" aria-labelledby={headId}>
            <h2 id={headId}>{t('wb.duties.title')}</h2>
            <ErrorBox error={error} />
            <Show a={data} what={t('wb.loading')}>
                {(d) => (
                    <>
                        {d.mine.length === 0 ? (
                            <Empty>{t('wb.duties.none')}</Empty>
                        ) : (
                            <ul class="plain edit-list">
                                {d.mine.map((s) => (
                                    <li key={s.id}>
                                        <Checkbox
                                            label={t('wb.duties.mustOf', { name: s.name })}
                                            checked={s.must_have}
                                            onValue={(v) => act(() => patch(`/principal-duties/${s.id}`, { must_have: v }, s.version), `must-${s.id}`)}
                                        />
                                        <button type="button" class="btn small ghost" disabled={!!busy} onClick={() => act(() => del(`/principal-duties/${s.id}`, s.version), `del-${s.id}`)} aria-label={t('wb.duties.remove', { name: s.name })}>
                                            ✕
                                        </button>
                                    </li>
                                ))}
                            </ul>
                        )}
                        <div class="add-row">
                            <Select
                                label={t('wb.duties.add')}
                                value={duty}
                                onValue={setDuty}
                                options={[['', t('wb.choose')], ...d.catalogue.filter((c) => !d.mine.some((m) => m.duty_id === c.id)).map((c): [string, string] => [String(c.id), c.name])]}
                            />
                            <Checkbox label={t('wb.duties.must')} checked={must} onValue={setMust} />
                            <button
                                type="button"
                                class="btn"
                                disabled={!duty || !!busy}
                                onClick={() => act(async () => {
                                    await post('/principal-duties', { principal_id: principalId, duty_id: Number(duty), must_have: must });
                                    setDuty('');
                                }, 'add')}
                            >
                                {t('wb.duties.addButton')}
                            </button>
                        </div>
                    </>
                )}
            </Show>
        </section>
    );
}

/* ---------- weekly hours from a date ---------- */

interface WeekRow {
    id: number;
    weekday: number;
    start_time: string;
    end_time: string;
    valid_from: string | null;
    valid_to: string | null;
    version: number;
}
interface Week {
    person_id: number;
    version: number;
    items: WeekRow[];
}
type DayForm = { on: boolean; start: string; end: string };

function inForce(rows: WeekRow[], day: string) {
    return rows.filter((w) => (!w.valid_from || w.valid_from <= day) && (!w.valid_to || w.valid_to >= day));
}

function formFrom(rows: WeekRow[], day: string): DayForm[] {
    const now = inForce(rows, day);
    return [1, 2, 3, 4, 5, 6, 7].map((d) => {
        const iv = now.filter((w) => w.weekday === d).sort((a, b) => a.start_time.localeCompare(b.start_time));
        if (iv.length === 0) return { on: false, start: '09:00', end: '17:00' };
        return { on: true, start: iv[0].start_time, end: iv[iv.length - 1].end_time };
    });
}

/** Working hours by period, and new weekly hours from a date (one interval a day). */
export function WeekEditor({ personId, tz }: { personId: number; tz: string }) {
    const url = `/people/${personId}/work-week`;
    const data = useAsync(() => get<Week>(url), [personId]);
    const [open, setOpen] = useState(false);
    const headId = `wb-week-${personId}`;
    return (
        <section class="card wide workbench" aria-labelledby={headId}>
            <h2 id={headId}>{t('wb.week.title')}</h2>
            <Show a={data} what={t('wb.loading')}>
                {(w) => (
                    <>
                        <WeekPeriods rows={w.items} />
                        <p class="hint">{t('wb.week.zone', { tz })}</p>
                        {open ? (
                            <WeekForm
                                week={w}
                                url={url}
                                onDone={(next) => {
                                    setOpen(false);
                                    if (next) data.setData(next);
                                }}
                            />
                        ) : (
                            <button type="button" class="btn" onClick={() => setOpen(true)}>
                                {t('wb.week.new')}
                            </button>
                        )}
                    </>
                )}
            </Show>
        </section>
    );
}

function WeekPeriods({ rows }: { rows: WeekRow[] }) {
    if (rows.length === 0) return <Empty>{t('wb.week.none')}</Empty>;
    const t0 = today();
    const periods = new Map<string, WeekRow[]>();
    for (const r of rows) {
        const k = `${r.valid_from || ''}|${r.valid_to || ''}`;
        periods.set(k, [...(periods.get(k) || []), r]);
    }
    return (
        <ul class="plain periods">
            {[...periods.entries()].map(([k, list]) => {
                const [from, to] = k.split('|');
                const past = !!to && to < t0;
                const label = from && to ? t('wb.period.fromTo', { from: fmtDay(from), to: fmtDay(to) }) : from ? t('wb.period.from', { from: fmtDay(from) }) : to ? t('wb.period.until', { to: fmtDay(to) }) : t('wb.period.always');
                return (
                    <li key={k} class={past ? 'muted' : undefined}>
                        <strong>{label.charAt(0).toLocaleUpperCase() + label.slice(1)}</strong>
                        {past && ` (${t('wb.week.ended')})`}:{' '}
                        {[1, 2, 3, 4, 5, 6, 7]
                            .map((d) => ({ d, iv: list.filter((r) => r.weekday === d).sort((a, b) => a.start_time.localeCompare(b.start_time)) }))
                            .filter((x) => x.iv.length > 0)
                            .map((x) => `${weekdayName(x.d, 'short')} ${x.iv.map((r) => `${r.start_time}–${r.end_time}`).join(', ')}`)
                            .join('; ')}
                    </li>
                );
            })}
        </ul>
    );
}

function WeekForm({ week, url, onDone }: { week: Week; url: string; onDone: (next: Week | null) => void }) {
    const [base, setBase] = useState(week);
    const [from, setFrom] = useState(today());
    const [days, setDays] = useState<DayForm[]>(() => formFrom(week.items, today()));
    const [theirs, setTheirs] = useState<Week | null>(null);
    const { busy, error, run, setError } = useAction();
    const setDay = (i: number, p: Partial<DayForm>) => setDays((ds) => ds.map((d, k) => (k === i ? { ...d, ...p } : d)));
    const body = {
        valid_from: from,
        intervals: days.flatMap((d, i) => (d.on ? [{ weekday: i + 1, start_time: d.start, end_time: d.end }] : [])),
    };
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(from);
    const changes: PreviewChange[] | null = valid && !theirs ? [{ entity: 'work-week', id: week.person_id, version: base.version, values: body }] : null;
    const err = (k: string) => fieldError(error, k);
    const dayErr = (i: number) => {
        if (!(error instanceof ApiError) || !error.field) return null;
        const idx = body.intervals.findIndex((iv) => iv.weekday === i + 1);
        return error.field.startsWith(`intervals[${idx}]`) ? error.message : null;
    };

    function submit(e: Event) {
        e.preventDefault();
        run(async () => {
            try {
                onDone(await patch<Week>(url, body, base.version));
            } catch (x) {
                if (x instanceof ApiError && x.status === 412) setTheirs(await get<Week>(url));
                throw x;
            }
        }, 'save');
    }

    return (
        <form class="form inline-form" onSubmit={submit} noValidate aria-label={t('wb.week.new')}>
            <h3>{t('wb.week.new')}</h3>
            {theirs && error instanceof ApiError && error.status === 412 ? (
                <div class="error-box conflict merge" role="alert">
                    <p>
                        <strong>{t('wb.conflict.title')}</strong> {t('wb.week.conflict')}
                    </p>
                    <WeekPeriods rows={theirs.items} />
                    <div class="btn-row">
                        <button
                            type="button"
                            class="btn primary"
                            onClick={() => {
                                setBase(theirs);
                                setTheirs(null);
                                setError(null);
                            }}
                        >
                            {t('wb.conflict.reapply')}
                        </button>
                        <button type="button" class="btn" onClick={() => onDone(theirs)}>
                            {t('wb.conflict.discard')}
                        </button>
                    </div>
                </div>
            ) : (
                <ErrorBox error={formError(error, ['valid_from'].concat(error instanceof ApiError && error.field?.startsWith('intervals[') ? [error.field] : []))} />
            )}
            <Field label={t('wb.week.from')} type="date" value={from} onValue={setFrom} error={err('valid_from')} hint={t('wb.week.fromHint')} />
            <fieldset class="week-days">
                <legend>{t('wb.week.days')}</legend>
                {days.map((d, i) => (
                    <div class="week-day" key={i}>
                        <Checkbox label={weekdayName(i + 1)} checked={d.on} onValue={(v) => setDay(i, { on: v })} />
                        {d.on && (
                            <>
                                <Field label={t('wb.week.start', { day: weekdayName(i + 1) })} type="time" value={d.start} onValue={(v) => setDay(i, { start: v })} />
                                <Field label={t('wb.week.end', { day: weekdayName(i + 1) })} type="time" value={d.end} onValue={(v) => setDay(i, { end: v })} error={dayErr(i)} />
                            </>
                        )}
                    </div>
                ))}
            </fieldset>
            <EffectNote changes={changes} />
            <div class="btn-row">
                <button type="submit" class="btn primary" disabled={!!busy || !valid}>
                    {busy === 'save' ? t('wb.saving') : t('wb.week.save')}
                </button>
                <button type="button" class="btn ghost" onClick={() => onDone(null)}>
                    {t('wb.cancel')}
                </button>
            </div>
        </form>
    );
}

/* ---------- the mount points of the profile ---------- */

/** The manager's tools on an assistant's page. */
export function AssistantWorkbench({ id, tz }: { id: number; tz: string }) {
    return (
        <>
            <AssignmentsEditor side="assistant" id={id} />
            <SkillsEditor assistantId={id} />
            <WeekEditor personId={id} tz={tz} />
        </>
    );
}

/** The manager's tools on an executive's page. */
export function PrincipalWorkbench({ p }: { p: Pick<Principal, 'id' | 'time_zone'> }) {
    return (
        <>
            <AssignmentsEditor side="principal" id={p.id} />
            <BackupsEditor principalId={p.id} />
            <DutiesEditor principalId={p.id} />
            <WeekEditor personId={p.id} tz={p.time_zone} />
        </>
    );
}
