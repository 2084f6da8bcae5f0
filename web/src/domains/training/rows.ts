// rows.ts: the training forms' shared pieces: money in the settings' currency, and saving the
// rows a form edits as a list (a course's skills, a session's meetings) through their own
// collection — removed rows deleted, changed rows patched, new rows created — one request each,
// so every row keeps its own validation, If-Match and audit row. A row that fails stops the
// save and names itself, so the form shows the error under that row; what was saved before it
// stays saved and the form knows it (the next save does not create it again).
import { ApiError, del, patch, post } from '../../api';
import { locale } from '../../i18n';

/** An amount in a currency (EUR unless the training settings say otherwise), no cents. */
export function money(v: number, currency = 'EUR'): string {
    try {
        return new Intl.NumberFormat(locale(), { style: 'currency', currency, maximumFractionDigits: 0 }).format(v);
    } catch {
        return new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(v);
    }
}

/** Text of a form's number field as the API wants it: a number, null when empty, else the text
 * itself (so the server answers with the field's own 422). */
export function numOf(s: string): number | string | null {
    const x = s.trim().replace(',', '.');
    if (x === '') return null;
    return Number.isNaN(Number(x)) ? s : Number(x);
}

/** One row of a list a form edits: key is the form's own; id and version once it is saved;
 * saved is the API body it was saved with (to see what changed). */
export interface Row<V> {
    key: number;
    id?: number;
    version?: number;
    saved?: Record<string, unknown>;
    values: V;
}

/** The error of one row's save: the row's key and the API's error. */
export class RowError extends Error {
    key: number;
    error: unknown;
    constructor(key: number, error: unknown) {
        super(error instanceof Error ? error.message : String(error));
        this.key = key;
        this.error = error;
    }
}

let seq = 0;
/** A new key for a row of a form. */
export const rowKey = () => ++seq;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Saves the rows of a list under a parent: deletes `removed` (rows with an id), patches rows whose
 * body changed (recreates them when an immutable field changed), creates rows without an id.
 * `progress` gets the rows and removed rows after each step. Throws a RowError naming the row.
 */
export async function syncRows<V>(opts: {
    path: string;
    parent: Record<string, unknown>;
    rows: Row<V>[];
    removed: Row<V>[];
    body: (v: V) => Record<string, unknown>;
    immutable?: string[];
    progress: (rows: Row<V>[], removed: Row<V>[]) => void;
}): Promise<Row<V>[]> {
    let rows = opts.rows.slice();
    let removed = opts.removed.filter((r) => r.id !== undefined);
    const step = () => opts.progress(rows, removed);
    const saved = (r: Row<V>, rec: { id: number; version: number }, body: Record<string, unknown>): Row<V> => ({
        ...r,
        id: rec.id,
        version: rec.version,
        saved: body,
    });
    for (const r of removed.slice()) {
        try {
            await del(`${opts.path}/${r.id}`, r.version);
        } catch (e) {
            if (!(e instanceof ApiError && e.status === 404)) throw new RowError(r.key, e);
        }
        removed = removed.filter((x) => x !== r);
        step();
    }
    for (const r of rows.slice()) {
        const body = opts.body(r.values);
        try {
            let rec: { id: number; version: number };
            if (r.id === undefined) {
                rec = await post(opts.path, { ...opts.parent, ...body });
            } else {
                const changes: Record<string, unknown> = {};
                for (const k of Object.keys(body)) if (!same(body[k], r.saved?.[k])) changes[k] = body[k];
                if (!Object.keys(changes).length) continue;
                if ((opts.immutable || []).some((k) => k in changes)) {
                    await del(`${opts.path}/${r.id}`, r.version);
                    rows = rows.map((x) => (x.key === r.key ? { ...x, id: undefined, version: undefined, saved: undefined } : x));
                    step();
                    rec = await post(opts.path, { ...opts.parent, ...body });
                } else {
                    rec = await patch(`${opts.path}/${r.id}`, changes, r.version!);
                }
            }
            rows = rows.map((x) => (x.key === r.key ? saved(x, rec, body) : x));
            step();
        } catch (e) {
            throw new RowError(r.key, e);
        }
    }
    return rows;
}
