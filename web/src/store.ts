// store.ts: lists many pages need (people, assistants, principals, the skill and duty
// catalogue), fetched once per sign-in and refreshed after changes.
import { Assistant, Duty, Person, Principal, Skill, listAll } from './api';

const cache = new Map<string, Promise<unknown>>();

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = cache.get(key) as Promise<T> | undefined;
    if (!p) {
        p = load();
        cache.set(key, p);
        p.catch(() => cache.delete(key));
    }
    return p;
}

export function invalidate(...keys: string[]) {
    if (!keys.length) cache.clear();
    for (const k of keys) cache.delete(k);
}

export const people = () => cached('people', () => listAll<Person>('/people'));
export const assistants = () => cached('assistants', () => listAll<Assistant>('/assistants'));
export const principals = () => cached('principals', () => listAll<Principal>('/principals'));
export const skills = () => cached('skills', () => listAll<Skill>('/skills'));
export const duties = () => cached('duties', () => listAll<Duty>('/duties'));

export async function peopleById(): Promise<Map<number, Person>> {
    const list = await people();
    return new Map(list.map((p) => [p.id, p]));
}

export function distinct(values: string[]): string[] {
    return [...new Set(values.filter(Boolean))].sort((a, b) => a.localeCompare(b));
}
