// form-parts.tsx: what the course and session forms share: the stale-edit (412) merge with its
// notices, saving only the changed fields of a record, and saving its rows with a row's error
// turned into that row's problem.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, patch, post } from '../../api';
import { ConflictMerge } from '../../components/conflict';
import { ErrorBox, formError } from '../../components/ui';
import { t, type Key } from '../../i18n';
import { RowError, syncRows } from './rows';

interface Rec {
    id: number;
    version: number;
}

/**
 * The stale-edit merge of a form over records at `path`: after a 412 it loads the record as the
 * server has it and `box` shows what changed (or else the form's error); `merged`/`reloaded`
 * notices follow a re-apply or a discard. `reset` clears the notices before a new save.
 */
export function useStaleMerge<R extends Rec, F>(o: {
    path: string;
    fields: string[];
    labels: Record<string, Key>;
    toForm: (r?: Partial<R>) => F;
    toBody: (f: F) => Record<string, unknown>;
    f: F;
    setF: (f: F) => void;
    base: R | undefined;
    setBase: (r: R) => void;
    error: unknown;
    setError: (e: unknown) => void;
}) {
    const [merged, setMerged] = useState(false);
    const [reloaded, setReloaded] = useState(false);
    const [server, setServer] = useState<R | null>(null);
    const conflict = o.error instanceof ApiError && o.error.status === 412;
    useEffect(() => {
        if (conflict && o.base) get<R>(`${o.path}/${o.base.id}`).then(setServer, () => setServer(null));
        else setServer(null);
    }, [conflict]);
    const reset = () => {
        setMerged(false);
        setReloaded(false);
    };
    const box = (
        <>
            {conflict && o.base && server ? (
                <ConflictMerge
                    fields={o.fields.map((k) => ({ key: k, label: t(o.labels[k]) }))}
                    base={o.toBody(o.toForm(o.base))}
                    mine={o.toBody(o.f)}
                    server={o.toBody(o.toForm(server))}
                    onReapply={(m) => {
                        o.setF(o.toForm(m as unknown as Partial<R>));
                        o.setBase(server);
                        o.setError(null);
                        setMerged(true);
                    }}
                    onDiscard={() => {
                        o.setBase(server);
                        o.setF(o.toForm(server));
                        o.setError(null);
                        setReloaded(true);
                    }}
                />
            ) : (
                <ErrorBox error={formError(o.error, o.fields)} />
            )}
            {merged && (
                <p class="notice" role="status">
                    {t('wb.conflict.reapplied')}
                </p>
            )}
            {reloaded && (
                <p class="notice" role="status">
                    {t('training.reloaded')}
                </p>
            )}
        </>
    );
    return { reset, box };
}

/**
 * Saves a record at `path`: patches only the fields of `body` that differ from `before` (the
 * record's own body) when `rec` exists, else creates it with `create` (the body plus any parent).
 */
export async function saveChanged<R extends Rec>(path: string, rec: R | undefined, body: Record<string, unknown>, before: () => Record<string, unknown>, create: Record<string, unknown>): Promise<R> {
    if (!rec) return post<R>(path, create);
    const old = before();
    const changes: Record<string, unknown> = {};
    for (const k of Object.keys(body)) if (JSON.stringify(body[k]) !== JSON.stringify(old[k])) changes[k] = body[k];
    return Object.keys(changes).length ? patch<R>(`${path}/${rec.id}`, changes, rec.version) : rec;
}

/** Saves rows as syncRows does; a row's error goes to `onRow` and gives false, others throw. */
export async function saveRows<V>(opts: Parameters<typeof syncRows<V>>[0], onRow: (x: RowError) => void): Promise<boolean> {
    try {
        await syncRows(opts);
    } catch (x) {
        if (x instanceof RowError) {
            onRow(x);
            return false;
        }
        throw x;
    }
    return true;
}

/** The form's buttons: save (`create` names it for a new record) and cancel. */
export function SaveCancel({ busy, editing, create, onCancel }: { busy: string | null; editing: boolean; create: string; onCancel: () => void }) {
    return (
        <div class="btn-row">
            <button type="submit" class="btn primary" disabled={!!busy}>
                {busy === 'save' ? t('ui.saving') : editing ? t('training.save') : create}
            </button>
            <button type="button" class="btn ghost" onClick={onCancel}>
                {t('ui.cancel')}
            </button>
        </div>
    );
}
