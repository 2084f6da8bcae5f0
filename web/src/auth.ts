// auth.ts: who is signed in, shared with every page.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Account, Person, Role } from './api';
import { t } from './i18n';

export interface Auth {
    account: Account;
    person: Person | null;
    signOut: () => void;
}

export const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
    const a = useContext(AuthContext);
    if (!a) throw new Error('not signed in');
    return a;
}

export const isManager = (role: Role) => role === 'manager' || role === 'admin';

/** The name of a role in the current language (read at render time: the getters follow setLang). */
export const ROLE_LABEL: Record<Role, string> = {
    get admin() {
        return t('role.admin');
    },
    get manager() {
        return t('role.manager');
    },
    get assistant() {
        return t('role.assistant');
    },
    get principal() {
        return t('role.principal');
    },
};
