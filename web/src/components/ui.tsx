// ui.tsx: the small shared pieces: async loading, loading/empty/error states, fields, dialogs.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { has, lang, t } from '../i18n';
import { DateInput } from './date-field';

export interface Async<T> {
    loading: boolean;
    error: unknown;
    data: T | undefined;
    reload: () => void;
    setData: (d: T) => void;
}

/** Runs fn when deps change; keeps the last data while reloading. */
export function useAsync<T>(fn: () => Promise<T>, deps: unknown[]): Async<T> {
    const [state, setState] = useState<{ loading: boolean; error: unknown; data: T | undefined }>({
        loading: true,
        error: null,
        data: undefined,
    });
    const [tick, setTick] = useState(0);
    const seq = useRef(0);
    useEffect(() => {
        const my = ++seq.current;
        setState((s) => ({ ...s, loading: true, error: null }));
        fn().then(
            (data) => {
                if (seq.current === my) setState({ loading: false, error: null, data });
            },
            (error) => {
                if (seq.current === my) setState((s) => ({ loading: false, error, data: s.data }));
            },
        );
        // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [...deps, tick]);
    // Marks the state as loading at once (in the same render as whatever caused the reload),
    // so "Updating…" shows without a gap.
    const reload = useCallback(() => {
        setState((s) => ({ ...s, loading: true }));
        setTick((t) => t + 1);
    }, []);
    const setData = useCallback((data: T) => setState({ loading: false, error: null, data }), []);
    return { ...state, reload, setData };
}

export function Loading({ what }: { what?: string }) {
    return (
        <p class="loading" role="status">
            <span class="spinner" aria-hidden="true" />
            {t('ui.loadingWhat', { what: what || t('ui.loading') })}
        </p>
    );
}

export function Empty({ children }: { children: ComponentChildren }) {
    return <p class="empty">{children}</p>;
}

/**
 * The sentence for an error in the current language: the API's stable `code` (and, when the
 * catalog has one, the code for the field it names: error.invalid.current_password) mapped to
 * the errors catalog; the API's own English message only for a code the catalog lacks.
 */
export function errorText(e: unknown): string {
    if (e instanceof ApiError) {
        if (e.status === 412) return t('ui.error.stale');
        if (e.status === 404 && /no such resource/.test(e.message)) return t('ui.error.notOffered');
        const byField = `error.${e.code}.${e.field || ''}`;
        if (e.field && has(byField)) return t(byField);
        const byCode = `error.${e.code}`;
        if (has(byCode)) return t(byCode);
        if (/^http_\d+$/.test(e.code)) return t('error.http', { status: String(e.status) });
        return e.message;
    }
    if (e instanceof Error) return e.message;
    return String(e);
}

/** The API's own (English) message when it says more than the translated sentence. */
function errorDetail(e: unknown): string | null {
    if (!(e instanceof ApiError) || !e.message || e.code === 'network' || /^http_\d+$/.test(e.code)) return null;
    return errorText(e) === e.message ? null : e.message;
}

/** An API error shown where it happened; a 412 offers to reload. */
export function ErrorBox({ error, onRetry, retryLabel }: { error: unknown; onRetry?: () => void; retryLabel?: string }) {
    if (!error) return null;
    const conflict = error instanceof ApiError && error.status === 412;
    const status = error instanceof ApiError ? error.status : 0;
    const detail = errorDetail(error);
    return (
        <div class={`error-box${conflict ? ' conflict' : ''}`} role="alert">
            <p>
                <strong>{conflict ? t('ui.error.changed') : status ? t('ui.error.wrongStatus', { status: String(status) }) : t('ui.error.wrong')}</strong> {errorText(error)}
            </p>
            {detail && (
                <p class="hint">
                    {t('ui.error.detail')} <span lang="en">{detail}</span>
                </p>
            )}
            {onRetry && (
                <button type="button" class="btn" onClick={onRetry}>
                    {retryLabel || (conflict ? t('ui.reload') : t('ui.tryAgain'))}
                </button>
            )}
        </div>
    );
}

/** Renders the async state: loading, error (with retry) or the content. */
export function Show<T>({ a, what, children }: { a: Async<T>; what?: string; children: (d: T) => ComponentChildren }) {
    if (a.error && a.data === undefined) return <ErrorBox error={a.error} onRetry={a.reload} />;
    if (a.data === undefined) return <Loading what={what} />;
    return (
        <>
            {a.loading && (
                <p class="loading updating" role="status">
                    <span class="spinner" aria-hidden="true" />
                    {t('ui.updating')}
                </p>
            )}
            {a.error ? <ErrorBox error={a.error} onRetry={a.reload} /> : null}
            {children(a.data)}
        </>
    );
}

let idSeq = 0;
export function useId(prefix = 'f'): string {
    const r = useRef('');
    if (!r.current) r.current = `${prefix}-${++idSeq}`;
    return r.current;
}

interface InputProps {
    autoComplete?: string;
    inputMode?: 'text' | 'decimal' | 'numeric' | 'email' | 'tel' | 'search' | 'url' | 'none';
    required?: boolean;
    placeholder?: string;
}

/** A labelled text input with the API's field-level message under it. */
export function Field(
    props: {
        label: string;
        value: string;
        onValue: (v: string) => void;
        error?: string | null;
        hint?: string;
        type?: string;
        name?: string;
    } & InputProps,
) {
    const { label, value, onValue, error, hint, type, name, autoComplete, inputMode, required, placeholder } = props;
    const id = useId('in');
    const described = [error ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
    if (type === 'date')
        return (
            <div class={`field${error ? ' has-error' : ''}`}>
                <label for={id}>{label}</label>
                <DateInput id={id} name={name} label={label} value={value} onValue={onValue} invalid={!!error} describedBy={described} required={required} />
                {hint && (
                    <p class="hint" id={`${id}-hint`}>
                        {hint}
                    </p>
                )}
                {error && (
                    <p class="field-error" id={`${id}-err`}>
                        {error}
                    </p>
                )}
            </div>
        );
    return (
        <div class={`field${error ? ' has-error' : ''}`}>
            <label for={id}>{label}</label>
            <input
                id={id}
                name={name}
                type={type || 'text'}
                value={value}
                onInput={(e) => onValue((e.currentTarget as HTMLInputElement).value)}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={described}
                autocomplete={autoComplete}
                inputMode={inputMode}
                required={required}
                placeholder={placeholder}
                lang={type === 'date' ? lang() : undefined}
            />
            {hint && (
                <p class="hint" id={`${id}-hint`}>
                    {hint}
                </p>
            )}
            {error && (
                <p class="field-error" id={`${id}-err`}>
                    {error}
                </p>
            )}
        </div>
    );
}

export function Select(props: {
    label: string;
    value: string;
    onValue: (v: string) => void;
    options: (string | [string, string])[];
    error?: string | null;
    name?: string;
    class?: string;
}) {
    const id = useId('sel');
    return (
        <div class={`field${props.error ? ' has-error' : ''}${props.class ? ` ${props.class}` : ''}`}>
            <label for={id}>{props.label}</label>
            <select
                id={id}
                name={props.name}
                value={props.value}
                onChange={(e) => props.onValue((e.currentTarget as HTMLSelectElement).value)}
                aria-invalid={props.error ? 'true' : undefined}
                aria-describedby={props.error ? `${id}-err` : undefined}
            >
                {props.options.map((o) => {
                    const [v, l] = Array.isArray(o) ? o : [o, o];
                    return (
                        <option key={v} value={v}>
                            {l}
                        </option>
                    );
                })}
            </select>
            {props.error && (
                <p class="field-error" id={`${id}-err`}>
                    {props.error}
                </p>
            )}
        </div>
    );
}

export function TextArea(props: { label: string; value: string; onValue: (v: string) => void; error?: string | null; rows?: number }) {
    const id = useId('ta');
    return (
        <div class={`field${props.error ? ' has-error' : ''}`}>
            <label for={id}>{props.label}</label>
            <textarea
                id={id}
                rows={props.rows || 3}
                value={props.value}
                onInput={(e) => props.onValue((e.currentTarget as HTMLTextAreaElement).value)}
                aria-invalid={props.error ? 'true' : undefined}
                aria-describedby={props.error ? `${id}-err` : undefined}
            />
            {props.error && (
                <p class="field-error" id={`${id}-err`}>
                    {props.error}
                </p>
            )}
        </div>
    );
}

export function Checkbox(props: { label: string; checked: boolean; onValue: (v: boolean) => void; error?: string | null }) {
    const id = useId('cb');
    return (
        <div class={`field checkbox${props.error ? ' has-error' : ''}`}>
            <input
                id={id}
                type="checkbox"
                checked={props.checked}
                onChange={(e) => props.onValue((e.currentTarget as HTMLInputElement).checked)}
            />
            <label for={id}>{props.label}</label>
            {props.error && <p class="field-error">{props.error}</p>}
        </div>
    );
}

/** A modal dialog (the native <dialog>: focus stays inside, Escape closes). */
export function Dialog({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ComponentChildren; wide?: boolean }) {
    const ref = useRef<HTMLDialogElement>(null);
    const id = useId('dlg');
    const closeRef = useRef(onClose);
    closeRef.current = onClose;
    useEffect(() => {
        const d = ref.current;
        if (d && !d.open) d.showModal();
        const onCancel = (e: Event) => {
            e.preventDefault();
            closeRef.current();
        };
        d?.addEventListener('cancel', onCancel);
        return () => {
            d?.removeEventListener('cancel', onCancel);
            // Closing (rather than only removing) gives the focus back to where it was.
            if (d?.open) d.close();
        };
    }, []);
    return (
        <dialog ref={ref} class={`dialog${wide ? ' wide' : ''}`} aria-labelledby={id}>
            <div class="dialog-head">
                <h2 id={id}>{title}</h2>
                <button type="button" class="btn ghost close" onClick={onClose} aria-label={t('ui.close')}>
                    ✕
                </button>
            </div>
            <div class="dialog-body">{children}</div>
        </dialog>
    );
}

/**
 * Field errors of a 422: the API names one field; other errors go to the form banner. In
 * English the API's own message is the most precise sentence there is ("email must be an
 * e-mail address"); in another language the code's (or the field's) sentence from the catalog.
 */
export function fieldError(err: unknown, field: string): string | null {
    if (!(err instanceof ApiError && (err.status === 422 || err.status === 409) && err.field === field)) return null;
    return lang() === 'en' && err.message ? err.message : errorText(err);
}

export function formError(err: unknown, fields: string[]): unknown {
    if (err instanceof ApiError && (err.status === 422 || err.status === 409) && err.field && fields.includes(err.field))
        return null;
    return err;
}

export function PageHead({ title, children }: { title: string; children?: ComponentChildren }) {
    useEffect(() => {
        document.title = t('ui.docTitle', { title });
    }, [title]);
    return (
        <div class="page-head">
            <h1 tabIndex={-1} id="page-title">
                {title}
            </h1>
            {children && <div class="page-actions">{children}</div>}
        </div>
    );
}

export function StatusBadge({ status }: { status: string }) {
    const k = `status.${status}`;
    return <span class={`badge st-${status}`}>{has(k) ? t(k) : status}</span>;
}

/** The "Show more" button of a keyset list (usePagedList), with the error of the last try;
 * `para` puts the button in a paragraph of its own. */
export function ShowMore({
    list,
    para,
}: {
    list: { data?: { more: boolean }; showMore: () => void; loadingMore: boolean; moreError: unknown };
    para?: boolean;
}) {
    if (!list.data?.more) return null;
    const button = (
        <button type="button" class="btn" onClick={list.showMore} disabled={list.loadingMore} aria-busy={list.loadingMore ? 'true' : undefined}>
            {t('ui.showMore')}
        </button>
    );
    return (
        <>
            <ErrorBox error={list.moreError} onRetry={list.showMore} />
            {para ? <p>{button}</p> : button}
        </>
    );
}
