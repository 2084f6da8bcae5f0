// date-field.tsx: a date typed and shown in the page's language (dd.mm.yyyy in Estonian,
// dd/mm/yyyy in English) whatever the browser's own date input would show, with the
// browser's calendar behind a button. The value in and out is an ISO day (yyyy-mm-dd) or ''.
import { useEffect, useRef, useState } from 'preact/hooks';
import { lang, locale, t } from '../i18n';

type Part = 'day' | 'month' | 'year';

/** The order of day, month and year and their separator in the current language. */
function layout(): { order: Part[]; sep: string } {
    const parts = new Intl.DateTimeFormat(locale(), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(
        new Date(Date.UTC(2001, 10, 22)),
    );
    const order = parts.filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year').map((p) => p.type as Part);
    const sep = parts.find((p) => p.type === 'literal')?.value ?? '.';
    return { order: order.length === 3 ? order : ['day', 'month', 'year'], sep };
}

/** "2027-03-15" → "15.03.2027" (et) or "15/03/2027" (en); anything else as it is. */
export function formatDay(iso: string): string {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m) return iso;
    const { order, sep } = layout();
    const v: Record<Part, string> = { year: m[1], month: m[2], day: m[3] };
    return order.map((p) => v[p]).join(sep);
}

/** The ISO day a person typed in the current language's order (any of . / - or space between,
 * a four-digit year; an ISO day is taken too), '' for nothing, null for no such date. */
export function parseDay(text: string): string | null {
    const s = text.trim();
    if (!s) return '';
    let y: number, mo: number, d: number;
    const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
    if (iso) {
        [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    } else {
        const nums = s.split(/[./\-\s]+/).filter(Boolean);
        if (nums.length !== 3 || nums.some((n) => !/^\d{1,4}$/.test(n))) return null;
        const { order } = layout();
        const v = {} as Record<Part, string>;
        order.forEach((p, i) => (v[p] = nums[i]));
        if (v.year.length !== 4) return null;
        [y, mo, d] = [Number(v.year), Number(v.month), Number(v.day)];
    }
    const when = new Date(Date.UTC(y, mo - 1, d));
    if (y < 1900 || y > 2200 || when.getUTCMonth() !== mo - 1 || when.getUTCDate() !== d) return null;
    return when.toISOString().slice(0, 10);
}

/** How a date is written here, e.g. "pp.kk.aaaa". */
export function dayPattern(): string {
    const { order, sep } = layout();
    const letters: Record<Part, string> = { day: t('date.dd'), month: t('date.mm'), year: t('date.yyyy') };
    return order.map((p) => letters[p]).join(sep);
}

function shift(iso: string, days: number): string {
    return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86400e3).toISOString().slice(0, 10);
}

/**
 * The input itself (Field renders it for type "date", with the label): a text box in the
 * page's language — typing a whole date sets it, ↑/↓ move a day — and a button that opens the
 * browser's calendar. Text that is no date is kept, marked invalid and explained once the
 * box is left.
 */
export function DateInput(props: {
    id: string;
    label: string;
    value: string;
    onValue: (v: string) => void;
    describedBy?: string;
    invalid?: boolean;
    required?: boolean;
    name?: string;
}) {
    const { id, value, onValue } = props;
    const [text, setText] = useState(formatDay(value));
    const [bad, setBad] = useState(false);
    const [shown, setShown] = useState(false);
    const native = useRef<HTMLInputElement>(null);
    const l = lang();
    // Follow a value set from outside unless the text already says it; a new language writes
    // the value its own way.
    useEffect(() => {
        if (parseDay(text) !== value) {
            setText(formatDay(value));
            setBad(false);
        }
    }, [value]);
    const first = useRef(true);
    useEffect(() => {
        if (first.current) {
            first.current = false;
            return;
        }
        setText(formatDay(value));
        setBad(false);
    }, [l]);
    const type = (s: string) => {
        setText(s);
        const iso = parseDay(s);
        setBad(iso === null);
        if (iso !== null && iso !== value) onValue(iso);
    };
    const errId = `${id}-date-err`;
    const described = [props.describedBy, bad && shown ? errId : ''].filter(Boolean).join(' ') || undefined;
    return (
        <>
            <span class="date-field">
                <input
                    id={id}
                    name={props.name}
                    type="text"
                    inputMode="numeric"
                    autocomplete="off"
                    value={text}
                    placeholder={dayPattern()}
                    required={props.required}
                    aria-invalid={props.invalid || (bad && shown) ? 'true' : undefined}
                    aria-describedby={described}
                    onInput={(e) => {
                        setShown(false);
                        type((e.currentTarget as HTMLInputElement).value);
                    }}
                    onBlur={() => setShown(true)}
                    onKeyDown={(e) => {
                        if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && value) {
                            e.preventDefault();
                            const next = shift(value, e.key === 'ArrowUp' ? 1 : -1);
                            setText(formatDay(next));
                            setBad(false);
                            onValue(next);
                        }
                    }}
                />
                <button
                    type="button"
                    class="btn date-pick"
                    aria-label={t('date.pick')}
                    title={t('date.pick')}
                    onClick={() => {
                        const n = native.current;
                        if (!n) return;
                        n.value = value;
                        try {
                            n.showPicker();
                        } catch {
                            n.focus();
                        }
                    }}
                >
                    <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" focusable="false">
                        <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" />
                        <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" />
                    </svg>
                </button>
                <input
                    ref={native}
                    class="date-native"
                    type="date"
                    tabIndex={-1}
                    aria-hidden="true"
                    value={value}
                    onChange={(e) => {
                        const v = (e.currentTarget as HTMLInputElement).value;
                        setText(formatDay(v));
                        setBad(false);
                        if (v !== value) onValue(v);
                    }}
                />
            </span>
            {bad && shown && (
                <p class="field-error" id={errId}>
                    {t('date.invalid', { pattern: dayPattern() })}
                </p>
            )}
        </>
    );
}
