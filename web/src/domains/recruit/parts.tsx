// parts.tsx: pieces the recruiting pages share: a form's submit and cancel buttons, a dialog's
// close-then-refresh handlers, and the page shown when a record is gone or not the reader's.
import type { ComponentChildren } from 'preact';
import { PageHead } from '../../components/ui';
import { t } from '../../i18n';
import { href } from '../../router';

/** A form's submit button (`label`, off while `disabled`) and its cancel button. */
export function SubmitCancel({ label, disabled, onCancel }: { label: ComponentChildren; disabled: boolean; onCancel: () => void }) {
    return (
        <div class="btn-row">
            <button type="submit" class="btn primary" disabled={disabled}>
                {label}
            </button>
            <button class="btn" type="button" onClick={onCancel}>
                {t('recruit.cancel')}
            </button>
        </div>
    );
}

/** A dialog's handlers: `close` on closing; `close` then `then` once it is done. */
export const closeThen = (close: () => void, then: () => void) => ({
    onClose: close,
    onDone: () => {
        close();
        then();
    },
});

/** The page in place of a record that is not there (or not the reader's): a title and a way back. */
export function GonePage({ title, back, backText }: { title: string; back: string; backText: string }) {
    return (
        <section class="recruit">
            <PageHead title={title} />
            <p>
                <a href={href(back)}>{backText}</a>
            </p>
        </section>
    );
}
