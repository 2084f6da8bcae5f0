// router.ts: hash routing (#/board?from=…), so every page is a plain GET of / for the server.
import { useEffect, useState } from 'preact/hooks';

export interface Route {
    path: string;
    query: URLSearchParams;
}

function parse(): Route {
    const h = location.hash.replace(/^#/, '') || '/';
    const i = h.indexOf('?');
    const path = (i < 0 ? h : h.slice(0, i)) || '/';
    return { path: path.startsWith('/') ? path : `/${path}`, query: new URLSearchParams(i < 0 ? '' : h.slice(i + 1)) };
}

export function useRoute(): Route {
    const [route, setRoute] = useState(parse);
    useEffect(() => {
        const on = () => setRoute(parse());
        window.addEventListener('hashchange', on);
        return () => window.removeEventListener('hashchange', on);
    }, []);
    return route;
}

export function href(path: string, query?: Record<string, string | number | undefined | null>): string {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query || {})) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
    const s = q.toString();
    return `#${path}${s ? `?${s}` : ''}`;
}

export function navigate(path: string, query?: Record<string, string | number | undefined | null>, replace = false) {
    const h = href(path, query);
    if (replace) history.replaceState(null, '', h);
    else location.hash = h;
    if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** Matches "/people/:kind/:id" against a path; returns the params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
    const a = pattern.split('/');
    const b = path.split('/');
    if (a.length !== b.length) return null;
    const out: Record<string, string> = {};
    for (let i = 0; i < a.length; i++) {
        if (a[i].startsWith(':')) out[a[i].slice(1)] = decodeURIComponent(b[i]);
        else if (a[i] !== b[i]) return null;
    }
    return out;
}
