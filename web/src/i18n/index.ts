// i18n: every string the web app shows comes from a catalog (web/src/i18n/*.{en,et}.json).
// t('key', {name: …, count: …}) looks the key up in the current language; a message may be
// plural ({"one": "…", "other": "…"}, chosen by Intl.PluralRules on `count`). Placeholders are
// {name}. Formatting of dates, times and numbers uses Intl with the current language.
import { useEffect, useState } from 'preact/hooks';
import { CATALOGS, type Key, type Msg } from './catalog';

export type Lang = 'et' | 'en';
export const LANGS: Lang[] = ['et', 'en'];
export type { Key };

/** The BCP 47 locale Intl formats with for each language. */
export const LOCALE: Record<Lang, string> = { et: 'et-EE', en: 'en-GB' };

const STORE = 'haldus.lang';

function fromBrowser(): Lang {
    const langs = typeof navigator === 'undefined' ? [] : navigator.languages || [navigator.language];
    for (const l of langs) {
        const base = (l || '').toLowerCase().split('-')[0];
        if (base === 'et' || base === 'en') return base;
    }
    return 'en';
}

function initial(): Lang {
    try {
        const s = localStorage.getItem(STORE);
        if (s === 'et' || s === 'en') return s;
    } catch {
        /* storage may be off */
    }
    return fromBrowser();
}

let current: Lang = initial();
// The page's language from the start (index.html cannot know it), for screen readers,
// hyphenation and the date inputs.
if (typeof document !== 'undefined') document.documentElement.lang = current;
const listeners = new Set<(l: Lang) => void>();
const plurals = new Map<Lang, Intl.PluralRules>();

export function lang(): Lang {
    return current;
}

export function locale(): string {
    return LOCALE[current];
}

/** Switches the language (remembered in this browser) and re-renders every subscriber. */
export function setLang(l: Lang, remember = true) {
    if (remember) {
        try {
            localStorage.setItem(STORE, l);
        } catch {
            /* storage may be off */
        }
    }
    if (l === current) return;
    current = l;
    if (typeof document !== 'undefined') document.documentElement.lang = l;
    for (const f of listeners) f(l);
}

/** The current language, re-rendering the component when it changes. */
export function useLang(): Lang {
    const [l, set] = useState(current);
    useEffect(() => {
        listeners.add(set);
        return () => {
            listeners.delete(set);
        };
    }, []);
    return l;
}

export type Params = Record<string, string | number>;

function pick(m: Msg, params: Params | undefined): string {
    if (typeof m === 'string') return m;
    let pr = plurals.get(current);
    if (!pr) {
        pr = new Intl.PluralRules(LOCALE[current]);
        plurals.set(current, pr);
    }
    const n = Number(params?.count ?? 0);
    const form = pr.select(n) as keyof typeof m;
    return (m[form] as string | undefined) ?? m.other;
}

/** The message for key in the current language, with {placeholders} filled in. */
export function t(key: Key, params?: Params): string {
    const m = CATALOGS[current][key] ?? CATALOGS.en[key];
    if (m === undefined) return key;
    const s = pick(m, params);
    if (!params) return s;
    return s.replace(/\{(\w+)\}/g, (all, name: string) => {
        const v = params[name];
        if (v === undefined) return all;
        return typeof v === 'number' ? fmtNumber(v) : v;
    });
}

/** Whether a key exists (for messages chosen at run time, e.g. error codes). */
export function has(key: string): key is Key {
    return key in CATALOGS.en;
}

/** "A, B and C" / "A, B ja C" in the current language. */
export function fmtList(items: string[]): string {
    return new Intl.ListFormat(LOCALE[current], { type: 'conjunction' }).format(items);
}

export function fmtNumber(n: number, opts?: Intl.NumberFormatOptions): string {
    return new Intl.NumberFormat(LOCALE[current], opts).format(n);
}
