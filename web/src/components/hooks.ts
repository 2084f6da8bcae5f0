// hooks.ts: running an action (busy state, its error, a 412 conflict offering a reload) and a
// keyset list that shows more one page at a time.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, Page, Query, get } from '../api';
import type { Async } from './ui';

export interface Action {
    /** The name of the action running, or null. */
    busy: string | null;
    /** The last run's error (null after a success or a new run). */
    error: unknown;
    /** Runs f: busy while it runs, its error kept. Resolves to true when it succeeded. */
    run: (f: () => Promise<unknown>, name?: string) => Promise<boolean>;
    setError: (e: unknown) => void;
    /** For ErrorBox: on a 412 (someone else changed the record), what "Reload" does. */
    onRetry: (() => void) | undefined;
}

/**
 * One way to run what a button does. onConflict is what "Reload" does after a 412 (usually the
 * reload of the data the action was about); without it a 412 is shown like any other error.
 */
export function useAction(onConflict?: () => void): Action {
    const [busy, setBusy] = useState<string | null>(null);
    const [error, setError] = useState<unknown>(null);
    const live = useRef(true);
    useEffect(() => {
        live.current = true;
        return () => {
            live.current = false;
        };
    }, []);
    const run = useCallback(async (f: () => Promise<unknown>, name = 'run') => {
        setBusy(name);
        setError(null);
        try {
            await f();
            return true;
        } catch (e) {
            if (live.current) setError(e);
            return false;
        } finally {
            if (live.current) setBusy(null);
        }
    }, []);
    const conflict = error instanceof ApiError && error.status === 412;
    const onRetry =
        conflict && onConflict
            ? () => {
                  setError(null);
                  onConflict();
              }
            : undefined;
    return { busy, error, run, setError, onRetry };
}

export interface Paged<T> {
    items: T[];
    /** Whether the server has more after the last item. */
    more: boolean;
}

export interface PagedList<T> extends Async<Paged<T>> {
    /** Fetches the next page only (with the last page's cursor) and appends it. */
    showMore: () => void;
    loadingMore: boolean;
    moreError: unknown;
}

/**
 * A keyset list (GET path?limit&cursor): the first page when deps change; showMore fetches
 * only the next page. reload fetches again as many items as are shown (one request up to the
 * server's maximum page of 500), so a list does not shrink after a change.
 */
export function usePagedList<T>(path: string, query: Query, limit: number, deps: unknown[]): PagedList<T> {
    const [state, setState] = useState<{ loading: boolean; error: unknown; data: Paged<T> | undefined }>({
        loading: true,
        error: null,
        data: undefined,
    });
    const [more, setMore] = useState<{ loading: boolean; error: unknown }>({ loading: false, error: null });
    const cursor = useRef<string | null>(null);
    const shown = useRef(0);
    const seq = useRef(0);
    const [tick, setTick] = useState(0);
    const reloading = useRef(false);
    const args = useRef({ path, query, limit });
    args.current = { path, query, limit };

    useEffect(() => {
        const my = ++seq.current;
        const n = reloading.current ? Math.min(500, Math.max(limit, shown.current)) : limit;
        if (!reloading.current) shown.current = 0;
        reloading.current = false;
        setState((s) => ({ ...s, loading: true, error: null }));
        setMore({ loading: false, error: null });
        get<Page<T>>(path, { ...query, limit: n }).then(
            (page) => {
                if (seq.current !== my) return;
                cursor.current = page.next_cursor;
                shown.current = page.items.length;
                setState({ loading: false, error: null, data: { items: page.items, more: !!page.next_cursor } });
            },
            (error) => {
                if (seq.current === my) setState((s) => ({ loading: false, error, data: s.data }));
            },
        );
        // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [...deps, tick]);

    const reload = useCallback(() => {
        reloading.current = true;
        setState((s) => ({ ...s, loading: true }));
        setTick((t) => t + 1);
    }, []);

    const showMore = useCallback(() => {
        const after = cursor.current;
        if (!after) return;
        const my = seq.current;
        const { path: p, query: q, limit: l } = args.current;
        setMore({ loading: true, error: null });
        get<Page<T>>(p, { ...q, limit: l, cursor: after }).then(
            (page) => {
                if (seq.current !== my || cursor.current !== after) return;
                cursor.current = page.next_cursor;
                setState((s) => {
                    const items = [...(s.data?.items || []), ...page.items];
                    shown.current = items.length;
                    return { loading: false, error: null, data: { items, more: !!page.next_cursor } };
                });
                setMore({ loading: false, error: null });
            },
            (error) => {
                if (seq.current === my) setMore({ loading: false, error });
            },
        );
    }, []);

    const setData = useCallback((data: Paged<T>) => setState({ loading: false, error: null, data }), []);
    return { ...state, reload, setData, showMore, loadingMore: more.loading, moreError: more.error };
}
