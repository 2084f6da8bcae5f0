// Settings: the planner's slot length and cost weights (managers), accounts (admins).
import { useState } from 'preact/hooks';
import { Account, ApiError, PlannerSettings, Role, get, patch, post } from '../../api';
import { useAction, usePagedList } from '../../components/hooks';
import { useAuth } from '../../auth';
import * as store from '../../store';
import { fmtInstant } from '../../time';
import { t } from '../../i18n';
import { href } from '../../router';
import { Empty, ErrorBox, Field, Loading, PageHead, Select, Show, ShowMore, fieldError, formError, useAsync } from '../../components/ui';

const LABELS: Record<string, [string, string]> = {
    slot_minutes: ['Slot length (minutes)', 'The planner cuts working hours into slots of this length: 15 to 240 minutes.'],
    uncovered: ['Uncovered slot', 'Cost of a slot no one covers, times the executive’s priority.'],
    nice_level: ['Missing nice-to-have level', 'Cost of each missing level on a nice-to-have skill.'],
    nice: ['Missing nice-to-have level', 'Cost of each missing level on a nice-to-have skill.'],
    not_designated: ['Not a designated backup', 'Cost of a backup who is not on the executive’s designated list.'],
    designation: ['Not a designated backup', 'Cost of a backup who is not on the executive’s designated list.'],
    rank_step: ['Per designated rank', 'Extra cost for each step down the designated list (#2, #3 …).'],
    other_office: ['Different office', 'Cost of a backup from another office.'],
    office: ['Different office', 'Cost of a backup from another office.'],
    other_tz: ['Different time zone', 'Cost of a backup in another time zone.'],
    tz: ['Different time zone', 'Cost of a backup in another time zone.'],
    switch_backup: ['Switching backup', 'Cost of changing backup between consecutive gap slots of one executive (continuity).'],
    switching: ['Switching backup', 'Cost of changing backup between consecutive gap slots of one executive (continuity).'],
    link_minutes: ['Continuity window (minutes)', 'Gap slots this close together count as consecutive for the switching cost.'],
    fairness: ['Unfair load', 'Cost of backup slots above the pool’s mean.'],
};
const META = new Set(['id', 'version', 'created_at', 'updated_at']);

type Path = (string | number)[];

function label(path: Path): [string, string] {
    const names = path.filter((p) => typeof p === 'string') as string[];
    const last = names[names.length - 1];
    const idx = path.find((p) => typeof p === 'number');
    if (names.includes('fairness') && idx !== undefined) {
        const step = Number(idx) + 1;
        return last === 'from'
            ? [`Unfair load, step ${step}: from (slots above mean)`, '']
            : last === 'slope'
              ? [`Unfair load, step ${step}: cost per slot`, step === 1 ? 'The cost of each backup slot above the pool’s mean grows by step.' : '']
              : [`Unfair load, step ${step}: ${last}`, ''];
    }
    if (LABELS[last]) return LABELS[last];
    const h = last.replace(/_/g, ' ');
    return [h.charAt(0).toUpperCase() + h.slice(1), ''];
}

/** The numeric leaves of the settings, with their paths (objects and lists). */
function leaves(o: unknown, path: Path = []): [Path, number][] {
    if (typeof o === 'number') return [[path, o]];
    if (Array.isArray(o)) return o.flatMap((v, i) => leaves(v, [...path, i]));
    if (o && typeof o === 'object')
        return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => (path.length === 0 && META.has(k) ? [] : leaves(v, [...path, k])));
    return [];
}

const keyOf = (p: Path) => p.join('.');

function setAt(o: unknown, path: Path, v: unknown) {
    let cur = o as Record<string | number, unknown>;
    for (const p of path.slice(0, -1)) cur = cur[p] as Record<string | number, unknown>;
    cur[path[path.length - 1]] = v;
}

/**
 * The PATCH body: every changed top-level setting; within weights, every changed weight (a
 * list such as fairness is sent whole).
 */
function patchBody(orig: Record<string, unknown>, changed: [Path, unknown][]): Record<string, unknown> {
    const next = JSON.parse(JSON.stringify(orig)) as Record<string, unknown>;
    for (const [p, v] of changed) setAt(next, p, v);
    const body: Record<string, unknown> = {};
    for (const [p] of changed) {
        if (p.length === 1) body[p[0] as string] = next[p[0] as string];
        else {
            const top = p[0] as string;
            const second = p[1] as string;
            const sub = (body[top] as Record<string, unknown>) || {};
            sub[second] = (next[top] as Record<string, unknown>)[second];
            body[top] = sub;
        }
    }
    return body;
}

export function Settings() {
    const { account } = useAuth();
    return (
        <section>
            <PageHead title="Settings">
                <a class="btn" href={href('/settings/mail')}>{t('mail.settingsLink')}</a>
            </PageHead>
            <PlannerSettingsForm />
            {account.role === 'admin' ? (
                <Users />
            ) : (
                <section class="card">
                    <h2>Accounts</h2>
                    <p>Accounts are managed by an administrator.</p>
                </section>
            )}
        </section>
    );
}

function PlannerSettingsForm() {
    const s = useAsync(() => get<PlannerSettings>('/settings/planner'), []);
    const [saved, setSaved] = useState(0);
    return (
        <section class="card">
            <h2>Planner</h2>
            <p class="hint">How the coverage planner weighs its choices. Higher weights make the planner avoid that cost more.</p>
            <Show a={s} what="Loading the planner settings">
                {(data) => (
                    <PlannerForm
                        key={String(data.version ?? JSON.stringify(data))}
                        data={data}
                        onSaved={(d) => {
                            if (d) s.setData(d);
                            setSaved((n) => n + 1);
                        }}
                        onEdit={() => setSaved(0)}
                        onReload={s.reload}
                    />
                )}
            </Show>
            {saved > 0 && (
                <p class="notice" role="status">
                    Saved. The next plan uses these settings.
                </p>
            )}
        </section>
    );
}

function PlannerForm({
    data,
    onSaved,
    onEdit,
    onReload,
}: {
    data: PlannerSettings;
    onSaved: (d: PlannerSettings | null) => void;
    onEdit: () => void;
    onReload: () => void;
}) {
    const fields = leaves(data);
    const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map(([p, v]) => [keyOf(p), String(v)])));
    const { busy, error, run } = useAction();

    function submit(e: Event) {
        e.preventDefault();
        onEdit();
        const changed: [Path, unknown][] = [];
        for (const [p, v] of fields) {
            const raw = values[keyOf(p)].trim();
            const n = raw !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
            if (n !== v) changed.push([p, n]);
        }
        run(async () => {
            const version = typeof data.version === 'number' ? data.version : 0;
            onSaved(changed.length ? await patch<PlannerSettings>('/settings/planner', patchBody(data, changed), version) : null);
        });
    }

    if (fields.length === 0) return <Empty>The server reported no planner settings.</Empty>;
    // The API names a field such as "slot_minutes", "weights.other_tz" or "weights.fairness":
    // the message goes under the first input it covers.
    const errField = error instanceof ApiError && error.status === 422 ? error.field : undefined;
    const errKey = errField ? fields.map(([p]) => keyOf(p)).find((k) => k === errField || k.startsWith(`${errField}.`)) : undefined;
    return (
        <form class="form" onSubmit={submit} noValidate aria-label="Planner settings">
            <div class="grid2">
                {fields.map(([p]) => {
                    const k = keyOf(p);
                    const [l, hint] = label(p);
                    return (
                        <Field
                            key={k}
                            label={l}
                            name={k}
                            inputMode="numeric"
                            value={values[k]}
                            onValue={(v) => setValues((s) => ({ ...s, [k]: v }))}
                            hint={hint || undefined}
                            error={k === errKey ? (error as ApiError).message : null}
                        />
                    );
                })}
            </div>
            <ErrorBox error={errKey ? null : error} onRetry={error instanceof ApiError && error.status === 412 ? onReload : undefined} />
            <button type="submit" class="btn primary" disabled={!!busy}>
                {busy ? 'Saving…' : 'Save planner settings'}
            </button>
        </form>
    );
}

const ROLES: [Role, string][] = [
    ['manager', 'Manager'],
    ['assistant', 'Assistant'],
    ['principal', 'Executive'],
    ['admin', 'Administrator'],
];

function Users() {
    const list = usePagedList<Account>('/users', {}, 100, []);
    const people = useAsync(() => store.peopleById(), []);
    const [adding, setAdding] = useState(false);
    return (
        <section class="card wide">
            <h2>Accounts</h2>
            {!adding && (
                <button type="button" class="btn" onClick={() => setAdding(true)}>
                    New account
                </button>
            )}
            {adding && (
                <NewUser
                    onDone={() => {
                        setAdding(false);
                        list.reload();
                    }}
                />
            )}
            {/* The rows name the people: the table shows once both are in. */}
            <Show a={people} what="Loading accounts">
                {(byId) => (
                    <Show a={list} what="Loading accounts">
                        {(d) =>
                            d.items.length === 0 ? (
                                <Empty>No accounts.</Empty>
                            ) : (
                                <>
                                    <div class="table-wrap">
                                        <table class="list">
                                            <caption class="sr-only">Accounts</caption>
                                            <thead>
                                                <tr>
                                                    <th scope="col">Login</th>
                                                    <th scope="col">Person</th>
                                                    <th scope="col">Role</th>
                                                    <th scope="col">Disabled</th>
                                                    <th scope="col">Last sign-in</th>
                                                    <th scope="col">
                                                        <span class="sr-only">Actions</span>
                                                    </th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {d.items.map((u) => (
                                                    <UserRow key={u.id} user={u} person={u.person_id ? byId.get(u.person_id)?.name : undefined} />
                                                ))}
                                            </tbody>
                                        </table>
                                    </div>
                                    <ShowMore list={list} />
                                </>
                            )
                        }
                    </Show>
                )}
            </Show>
        </section>
    );
}

function UserRow({ user, person }: { user: Account; person?: string }) {
    const { account } = useAuth();
    const [u, setU] = useState(user);
    const [role, setRole] = useState<string>(user.role);
    const [disabled, setDisabled] = useState(user.disabled);
    const { busy, error, run, onRetry } = useAction(() => reload());
    const dirty = role !== u.role || disabled !== u.disabled;

    const save = () =>
        run(async () => {
            const body: Record<string, unknown> = {};
            if (role !== u.role) body.role = role;
            if (disabled !== u.disabled) body.disabled = disabled;
            const r = await patch<Account>(`/users/${u.id}`, body, u.version);
            setU(r);
        }, 'save');
    const reload = () =>
        run(async () => {
            const r = await get<Account>(`/users/${u.id}`);
            setU(r);
            setRole(r.role);
            setDisabled(r.disabled);
        }, 'reload');
    const self = account.id === u.id;
    return (
        <>
            <tr>
                <td>{u.login}</td>
                <td>{person || '—'}</td>
                <td>
                    <label class="sr-only" for={`role-${u.id}`}>
                        Role of {u.login}
                    </label>
                    <select id={`role-${u.id}`} value={role} disabled={self} onChange={(e) => setRole((e.currentTarget as HTMLSelectElement).value)}>
                        {ROLES.map(([v, l]) => (
                            <option key={v} value={v}>
                                {l}
                            </option>
                        ))}
                    </select>
                </td>
                <td>
                    <input
                        type="checkbox"
                        id={`dis-${u.id}`}
                        aria-label={`${u.login} disabled`}
                        checked={disabled}
                        disabled={self}
                        onChange={(e) => setDisabled((e.currentTarget as HTMLInputElement).checked)}
                    />
                </td>
                <td>{u.last_login_at ? fmtInstant(u.last_login_at) : 'never'}</td>
                <td>
                    {dirty && (
                        <button type="button" class="btn small primary" disabled={!!busy} onClick={save}>
                            Save
                        </button>
                    )}
                </td>
            </tr>
            {error ? (
                <tr>
                    <td colSpan={6}>
                        <ErrorBox error={error} onRetry={onRetry} />
                    </td>
                </tr>
            ) : null}
        </>
    );
}

function NewUser({ onDone }: { onDone: () => void }) {
    const [login, setLogin] = useState('');
    const [role, setRole] = useState<string>('assistant');
    const [personId, setPersonId] = useState('');
    const [password, setPassword] = useState('');
    const { busy, error, run } = useAction();
    const people = useAsync(() => store.people(), []);
    function submit(e: Event) {
        e.preventDefault();
        run(async () => {
            await post('/users', { login: login.trim(), role, person_id: personId ? Number(personId) : null, password });
            onDone();
        });
    }
    return (
        <form class="form card" onSubmit={submit} noValidate aria-label="New account">
            <h3>New account</h3>
            <div class="grid2">
                <Field label="Login" value={login} onValue={setLogin} error={fieldError(error, 'login')} autoComplete="off" />
                <Select label="Role" value={role} onValue={setRole} options={ROLES} error={fieldError(error, 'role')} />
                {people.loading ? (
                    <Loading what="Loading people" />
                ) : (
                    <Select
                        label="Person"
                        value={personId}
                        onValue={setPersonId}
                        error={fieldError(error, 'person_id')}
                        options={[['', 'No person (administrators)'], ...(people.data || []).map((p): [string, string] => [String(p.id), p.name])]}
                    />
                )}
                <Field
                    label="Initial password"
                    type="password"
                    value={password}
                    onValue={setPassword}
                    error={fieldError(error, 'password')}
                    hint="At least 12 characters; tell the person to change it."
                    autoComplete="new-password"
                />
            </div>
            <ErrorBox error={formError(error, ['login', 'role', 'person_id', 'password'])} />
            <div class="btn-row">
                <button type="submit" class="btn primary" disabled={!!busy}>
                    Create account
                </button>
                <button type="button" class="btn ghost" onClick={onDone}>
                    Cancel
                </button>
            </div>
        </form>
    );
}

