// auth.ts: who is signed in, shared with every page.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Account, Person, Role } from './api';

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

export const ROLE_LABEL: Record<Role, string> = {
    admin: 'administrator',
    manager: 'manager',
    assistant: 'assistant',
    principal: 'executive',
};
