// The candidate's offer (issue 12): the Offer panel of the candidate page — the current offer
// with its terms and status, a form for a new one (salary, start, hours, contract, the answer's
// date, notes, the override of the requisition's range), sending it, recording the candidate's
// acceptance or decline (the manager's act: the candidate tells them), withdrawing it, and the
// history of the earlier offers. Dates are calendar dates (no zone); the instants of the
// history are shown in the browser's zone, as the rest of the candidate page.
import { useState } from 'preact/hooks';
import { get, post, request } from '../../api';
import { useAction } from '../../components/hooks';
import { Checkbox, Dialog, ErrorBox, Field, Select, Show, TextArea, fieldError, useAsync } from '../../components/ui';
import { fmtNumber, locale, t, type Key } from '../../i18n';
import { fmtDate, fmtInstant, today } from '../../time';
import { SubmitCancel, closeThen } from './parts';

export interface Offer {
    id: number;
    version: number;
    application_id: number;
    salary_amount: number;
    salary_currency: string;
    salary_period: 'month' | 'year';
    salary_override: boolean;
    start_date: string;
    hours_per_week: number;
    contract: 'permanent' | 'fixed_term';
    end_date: string | null;
    expires_on: string;
    notes: string;
    status: string;
    status_at: string | null;
    status_by: string | null;
    sent_at: string | null;
    decline_reason: string;
}

/** "2 100 € a month" in the reader's language. */
export function salaryText(o: Pick<Offer, 'salary_amount' | 'salary_currency' | 'salary_period'>): string {
    let amount: string;
    try {
        amount = new Intl.NumberFormat(locale(), { style: 'currency', currency: o.salary_currency, maximumFractionDigits: 0 }).format(o.salary_amount);
    } catch {
        amount = `${fmtNumber(o.salary_amount)} ${o.salary_currency}`;
    }
    return t(o.salary_period === 'year' ? 'recruit.offer.perYear' : 'recruit.offer.perMonth', { amount });
}

const statusName = (s: string) => t(`recruit.offer.st.${s}` as Key);

/** Adds n days to a YYYY-MM-DD date. */
function plusDays(date: string, n: number): string {
    const d = new Date(`${date}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
}

/** The form of a new offer; start date and hours prefilled from the requisition. */
function NewOffer({ appId, start, hours, onDone, onClose }: { appId: number; start: string | null; hours: number; onDone: () => void; onClose: () => void }) {
    const day = today();
    const [f, setF] = useState({
        salary_amount: '',
        salary_currency: 'EUR',
        salary_period: 'month',
        start_date: start && start >= day ? start : plusDays(day, 30),
        hours_per_week: String(hours || 40),
        contract: 'permanent',
        end_date: '',
        expires_on: plusDays(day, 7),
        notes: '',
    });
    const [override, setOverride] = useState(false);
    const a = useAction();
    const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
    const submit = (e: Event) => {
        e.preventDefault();
        a.run(async () => {
            await post<Offer>('/offers', {
                application_id: appId,
                salary_amount: f.salary_amount.trim() === '' ? null : Number(f.salary_amount),
                salary_currency: f.salary_currency.trim().toUpperCase(),
                salary_period: f.salary_period,
                salary_override: override,
                start_date: f.start_date,
                hours_per_week: Number(f.hours_per_week),
                contract: f.contract,
                end_date: f.contract === 'fixed_term' ? f.end_date || null : null,
                expires_on: f.expires_on,
                notes: f.notes.trim(),
            });
            onDone();
        }, 'create');
    };
    const err = (k: string) => fieldError(a.error, k);
    const known = ['salary_amount', 'salary_currency', 'salary_period', 'salary_override', 'start_date', 'hours_per_week', 'contract', 'end_date', 'expires_on', 'notes'];
    return (
        <Dialog title={t('recruit.offer.newTitle')} onClose={onClose} wide>
            <form onSubmit={submit} class="form">
                <Field label={t('recruit.offer.f.salary')} type="number" inputMode="numeric" value={f.salary_amount} onValue={set('salary_amount')} error={err('salary_amount')} required />
                <Field label={t('recruit.offer.f.currency')} value={f.salary_currency} onValue={set('salary_currency')} error={err('salary_currency')} />
                <Select
                    label={t('recruit.offer.f.period')}
                    value={f.salary_period}
                    onValue={set('salary_period')}
                    error={err('salary_period')}
                    options={[
                        ['month', t('recruit.offer.period.month')],
                        ['year', t('recruit.offer.period.year')],
                    ]}
                />
                <Checkbox label={t('recruit.offer.f.override')} checked={override} onValue={setOverride} error={err('salary_override')} />
                <Field label={t('recruit.offer.f.start')} type="date" value={f.start_date} onValue={set('start_date')} error={err('start_date')} required />
                <Field label={t('recruit.offer.f.hours')} type="number" inputMode="decimal" value={f.hours_per_week} onValue={set('hours_per_week')} error={err('hours_per_week')} required />
                <Select
                    label={t('recruit.offer.f.contract')}
                    value={f.contract}
                    onValue={set('contract')}
                    error={err('contract')}
                    options={[
                        ['permanent', t('recruit.offer.contract.permanent')],
                        ['fixed_term', t('recruit.offer.contract.fixed_term')],
                    ]}
                />
                {f.contract === 'fixed_term' && <Field label={t('recruit.offer.f.end')} type="date" value={f.end_date} onValue={set('end_date')} error={err('end_date')} required />}
                <Field label={t('recruit.offer.f.expires')} hint={t('recruit.offer.f.expiresHint')} type="date" value={f.expires_on} onValue={set('expires_on')} error={err('expires_on')} required />
                <TextArea label={t('recruit.offer.f.notes')} value={f.notes} onValue={set('notes')} error={err('notes')} />
                {a.error != null && !known.some((k) => err(k)) && <ErrorBox error={a.error} />}
                <SubmitCancel label={t('recruit.offer.save')} disabled={!!a.busy} onCancel={onClose} />
            </form>
        </Dialog>
    );
}

/** Asks what the candidate said when declining (optional), then records it. */
function DeclineDialog({ offer, name, onDone, onClose }: { offer: Offer; name: string; onDone: () => void; onClose: () => void }) {
    const [reason, setReason] = useState('');
    const a = useAction();
    const submit = (e: Event) => {
        e.preventDefault();
        a.run(async () => {
            await request('POST', `/offers/${offer.id}/decline`, { body: reason.trim() ? { reason: reason.trim() } : {}, ifMatch: offer.version });
            onDone();
        }, 'decline');
    };
    return (
        <Dialog title={t('recruit.offer.declineTitle', { name })} onClose={onClose}>
            <form onSubmit={submit}>
                <TextArea label={t('recruit.offer.declineReason')} value={reason} onValue={setReason} error={fieldError(a.error, 'reason')} />
                {a.error != null && !fieldError(a.error, 'reason') && <ErrorBox error={a.error} />}
                <SubmitCancel label={t('recruit.offer.act.decline')} disabled={!!a.busy} onCancel={onClose} />
            </form>
        </Dialog>
    );
}

/** One offer's terms as a definition list. */
function Terms({ o }: { o: Offer }) {
    return (
        <dl class="facts offer-terms">
            <dt>{t('recruit.offer.f.salary')}</dt>
            <dd>
                {salaryText(o)}
                {o.salary_override && <> · {t('recruit.offer.overridden')}</>}
            </dd>
            <dt>{t('recruit.offer.f.start')}</dt>
            <dd>{fmtDate(o.start_date, true)}</dd>
            <dt>{t('recruit.offer.f.hours')}</dt>
            <dd>{t('recruit.offer.hoursText', { n: fmtNumber(o.hours_per_week) })}</dd>
            <dt>{t('recruit.offer.f.contract')}</dt>
            <dd>{o.contract === 'fixed_term' && o.end_date ? t('recruit.offer.until', { date: fmtDate(o.end_date, true) }) : t(`recruit.offer.contract.${o.contract}` as Key)}</dd>
            <dt>{t('recruit.offer.f.expires')}</dt>
            <dd>{fmtDate(o.expires_on, true)}</dd>
            {o.notes && (
                <>
                    <dt>{t('recruit.offer.f.notes')}</dt>
                    <dd class="note">{o.notes}</dd>
                </>
            )}
            {o.decline_reason && (
                <>
                    <dt>{t('recruit.offer.declineReason')}</dt>
                    <dd>{o.decline_reason}</dd>
                </>
            )}
        </dl>
    );
}

/** The Offer panel of the candidate page. `open`: the candidate is still in the pipeline. */
export function OfferPanel({ app, start, hours, onChange }: { app: { id: number; name: string; stage: string }; start: string | null; hours: number; onChange: () => void }) {
    const [n, setN] = useState(0);
    const reload = () => {
        setN((x) => x + 1);
        onChange();
    };
    const data = useAsync(() => get<{ items: Offer[] }>('/offers', { application_id: app.id, limit: 100 }), [app.id, n]);
    const [making, setMaking] = useState(false);
    const [declining, setDeclining] = useState<Offer | null>(null);
    const a = useAction(reload);
    const act = (o: Offer, name: string) =>
        a.run(async () => {
            await request('POST', `/offers/${o.id}/${name}`, { body: {}, ifMatch: o.version });
            reload();
        }, name);
    const canMake = app.stage === 'interview' || app.stage === 'offer';
    return (
        <section class="card offer" aria-labelledby="h-offer" id="offer">
            <h2 id="h-offer">{t('recruit.offer.title')}</h2>
            <Show a={data} what={t('recruit.loading')}>
                {({ items }) => {
                    const all = [...items].sort((x, y) => y.id - x.id);
                    const cur = all[0];
                    const older = all.slice(1);
                    return (
                        <>
                            {!cur && <p class="empty">{canMake ? t('recruit.offer.none') : t('recruit.offer.noneYet')}</p>}
                            {cur && (
                                <div class="offer-current" data-offer-id={cur.id}>
                                    <p>
                                        <span class={`badge offer-${cur.status}`}>{statusName(cur.status)}</span>
                                        {cur.status_at && <> · {t('recruit.offer.changed', { when: fmtInstant(cur.status_at), who: cur.status_by || '' })}</>}
                                    </p>
                                    <Terms o={cur} />
                                    <div class="btn-row">
                                        {cur.status === 'draft' && (
                                            <button type="button" class="btn primary" disabled={!!a.busy} onClick={() => act(cur, 'send')}>
                                                {t('recruit.offer.act.send')}
                                                <span class="sr-only"> {app.name}</span>
                                            </button>
                                        )}
                                        {cur.status === 'sent' && (
                                            <>
                                                <button type="button" class="btn primary" disabled={!!a.busy} onClick={() => act(cur, 'accept')}>
                                                    {t('recruit.offer.act.accept')}
                                                </button>
                                                <button type="button" class="btn" disabled={!!a.busy} onClick={() => setDeclining(cur)}>
                                                    {t('recruit.offer.act.decline')}
                                                </button>
                                            </>
                                        )}
                                        {(cur.status === 'draft' || cur.status === 'sent') && (
                                            <button type="button" class="btn" disabled={!!a.busy} onClick={() => act(cur, 'withdraw')}>
                                                {t('recruit.offer.act.withdraw')}
                                            </button>
                                        )}
                                    </div>
                                </div>
                            )}
                            {canMake && (!cur || cur.status !== 'draft') && (
                                <div class="btn-row">
                                    <button type="button" class={`btn${cur ? '' : ' primary'}`} onClick={() => setMaking(true)}>
                                        {t(cur ? 'recruit.offer.another' : 'recruit.offer.make')}
                                        <span class="sr-only"> {app.name}</span>
                                    </button>
                                </div>
                            )}
                            {a.error != null && <ErrorBox error={a.error} onRetry={a.onRetry} />}
                            {older.length > 0 && (
                                <>
                                    <h3>{t('recruit.offer.history')}</h3>
                                    <ol class="plain offer-history">
                                        {older.map((o) => (
                                            <li key={o.id} data-offer-id={o.id}>
                                                <span class={`badge offer-${o.status}`}>{statusName(o.status)}</span> {salaryText(o)} · {t('recruit.offer.fromDate', { date: fmtDate(o.start_date, true) })}
                                                {o.status_at && <> · {t('recruit.offer.changed', { when: fmtInstant(o.status_at), who: o.status_by || '' })}</>}
                                                {o.decline_reason && <> · {o.decline_reason}</>}
                                            </li>
                                        ))}
                                    </ol>
                                </>
                            )}
                        </>
                    );
                }}
            </Show>
            {making && <NewOffer appId={app.id} start={start} hours={hours} {...closeThen(() => setMaking(false), reload)} />}
            {declining && <DeclineDialog offer={declining} name={app.name} {...closeThen(() => setDeclining(null), reload)} />}
        </section>
    );
}

/** The badge of a candidate's offer on the board. */
export function OfferBadge({ status }: { status: string | null | undefined }) {
    if (!status) return null;
    return <span class={`badge offer-${status}`}>{t('recruit.offer.badge', { status: statusName(status) })}</span>;
}
