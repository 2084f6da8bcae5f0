// conflict.tsx: what a form shows after a 412 (someone saved the record first): field by
// field, what changed on the server and what the user changed, and a way to put the user's
// changes on top of the new version without typing them again.
import { t } from '../i18n';

export type Values = Record<string, unknown>;

/** One field of a form: its key in the values and its label as the form shows it. */
export interface MergeField {
    key: string;
    label: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function show(v: unknown): string {
    if (v === null || v === undefined || v === '') return '—';
    if (Array.isArray(v)) return v.join(', ') || '—';
    if (typeof v === 'boolean') return v ? t('wb.conflict.yes') : t('wb.conflict.no');
    return String(v);
}

/** The fields the server changed since base, and the fields the user changed from base. */
export function diff(fields: MergeField[], base: Values, mine: Values, server: Values) {
    const theirs = fields.filter((f) => !same(base[f.key], server[f.key]));
    const ours = fields.filter((f) => !same(base[f.key], mine[f.key]));
    return { theirs, ours };
}

/** The server's values with the user's changes put on top (where the user changed a field). */
export function reapply(fields: MergeField[], base: Values, mine: Values, server: Values): Values {
    const out: Values = { ...server };
    for (const f of fields) if (!same(base[f.key], mine[f.key])) out[f.key] = mine[f.key];
    return out;
}

/**
 * The 412 panel: base is what the user started from, mine what the form holds, server the
 * record as it is now. "Re-apply" puts the user's changes on the new version (to be saved
 * again); "Discard" takes the server's version as it is.
 */
export function ConflictMerge({
    fields,
    base,
    mine,
    server,
    onReapply,
    onDiscard,
}: {
    fields: MergeField[];
    base: Values;
    mine: Values;
    server: Values;
    onReapply: (merged: Values) => void;
    onDiscard: () => void;
}) {
    const { theirs, ours } = diff(fields, base, mine, server);
    const clash = new Set(theirs.map((f) => f.key).filter((k) => ours.some((f) => f.key === k)));
    return (
        <div class="error-box conflict merge" role="alert">
            <p>
                <strong>{t('wb.conflict.title')}</strong> {t('wb.conflict.text')}
            </p>
            <table class="list merge-table">
                <caption>{t('wb.conflict.caption')}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t('wb.conflict.field')}</th>
                        <th scope="col">{t('wb.conflict.was')}</th>
                        <th scope="col">{t('wb.conflict.theirs')}</th>
                        <th scope="col">{t('wb.conflict.yours')}</th>
                    </tr>
                </thead>
                <tbody>
                    {fields
                        .filter((f) => theirs.includes(f) || ours.includes(f))
                        .map((f) => (
                            <tr key={f.key} class={clash.has(f.key) ? 'clash' : undefined}>
                                <th scope="row">{f.label}</th>
                                <td>{show(base[f.key])}</td>
                                <td>{theirs.includes(f) ? show(server[f.key]) : t('wb.conflict.unchanged')}</td>
                                <td>{ours.includes(f) ? show(mine[f.key]) : t('wb.conflict.unchanged')}</td>
                            </tr>
                        ))}
                </tbody>
            </table>
            {clash.size > 0 && <p>{t('wb.conflict.clash', { count: clash.size })}</p>}
            <div class="btn-row">
                <button type="button" class="btn primary" onClick={() => onReapply(reapply(fields, base, mine, server))}>
                    {t('wb.conflict.reapply')}
                </button>
                <button type="button" class="btn" onClick={onDiscard}>
                    {t('wb.conflict.discard')}
                </button>
            </div>
        </div>
    );
}
