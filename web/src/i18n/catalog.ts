// catalog.ts: the message catalogs, one pair of JSON files per area (area.en.json and
// area.et.json). Add an area by importing its two files below and spreading them into EN and
// ET. The type of ET makes tsc fail when Estonian lacks a key that English has;
// tests/web/i18n.test.mjs fails on the reverse, on unused keys and on visible text in the
// sources that does not come from a catalog.
import coreEn from './core.en.json';
import coreEt from './core.et.json';
import mediationEn from './mediation.en.json';
import mediationEt from './mediation.et.json';
import workbenchEn from './workbench.en.json';
import workbenchEt from './workbench.et.json';
import leaveEn from './leave.en.json';
import leaveEt from './leave.et.json';
import deskEn from './desk.en.json';
import deskEt from './desk.et.json';
import uiEn from './ui.en.json';
import uiEt from './ui.et.json';
import absenceEn from './absence.en.json';
import absenceEt from './absence.et.json';
import coverageEn from './coverage.en.json';
import coverageEt from './coverage.et.json';
import todayEn from './today.en.json';
import todayEt from './today.et.json';
import peopleEn from './people.en.json';
import peopleEt from './people.et.json';
import settingsEn from './settings.en.json';
import settingsEt from './settings.et.json';
import errorsEn from './errors.en.json';
import errorsEt from './errors.et.json';
import meetingsEn from './meetings.en.json';
import meetingsEt from './meetings.et.json';
import mailEn from './mail.en.json';
import mailEt from './mail.et.json';
import orgEn from './org.en.json';
import orgEt from './org.et.json';
import dateEn from './date.en.json';
import dateEt from './date.et.json';
import fitEn from './fit.en.json';
import fitEt from './fit.et.json';
import trainingEn from './training.en.json';
import trainingEt from './training.et.json';
import recruitEn from './recruit.en.json';
import recruitEt from './recruit.et.json';
import inviteEn from './invite.en.json';
import inviteEt from './invite.et.json';

export type Msg = string | { one?: string; other: string };

const EN = {
    ...coreEn,
    ...mediationEn,
    ...workbenchEn,
    ...leaveEn,
    ...deskEn,
    ...uiEn,
    ...absenceEn,
    ...coverageEn,
    ...todayEn,
    ...peopleEn,
    ...settingsEn,
    ...errorsEn,
    ...meetingsEn,
    ...mailEn,
    ...orgEn,
    ...dateEn,
    ...fitEn,
    ...trainingEn,
    ...recruitEn,
    ...inviteEn,
};

export type Key = keyof typeof EN;

const ET: Record<Key, Msg> = {
    ...coreEt,
    ...mediationEt,
    ...workbenchEt,
    ...leaveEt,
    ...deskEt,
    ...uiEt,
    ...absenceEt,
    ...coverageEt,
    ...todayEt,
    ...peopleEt,
    ...settingsEt,
    ...errorsEt,
    ...meetingsEt,
    ...mailEt,
    ...orgEt,
    ...dateEt,
    ...fitEt,
    ...trainingEt,
    ...recruitEt,
    ...inviteEt,
};

export const CATALOGS: Record<'en' | 'et', Record<Key, Msg>> = { en: EN, et: ET };
