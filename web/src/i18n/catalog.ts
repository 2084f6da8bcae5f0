// catalog.ts: the message catalogs, one pair of JSON files per area (area.en.json and
// area.et.json). Add an area by importing its two files below and spreading them into EN and
// ET. The type of ET makes tsc fail when Estonian lacks a key that English has;
// tests/web/i18n.test.mjs fails on the reverse, on unused keys and on visible text in the
// sources that does not come from a catalog.
import coreEn from './core.en.json';
import coreEt from './core.et.json';
import mailEn from './mail.en.json';
import mailEt from './mail.et.json';

export type Msg = string | { one?: string; other: string };

const EN = {
    ...coreEn,
    ...mailEn,
};

export type Key = keyof typeof EN;

const ET: Record<Key, Msg> = {
    ...coreEt,
    ...mailEt,
};

export const CATALOGS: Record<'en' | 'et', Record<Key, Msg>> = { en: EN, et: ET };
