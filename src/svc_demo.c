/* svc_demo.c: builds the demo organisation from a seed: two offices in different time zones,
 * skills, duties, executives with different needs, assistants (some part-time) supporting one
 * to three of them, designated backups, working hours and upcoming absences — among them the
 * source document's case, an assistant of two executives away for a week next month. */
#include "svc_demo.h"

#include "absence.h"
#include "domain.h"
#include "holiday.h"
#include "holiday_domain.h"
#include "people.h"
#include "store_account.h"
#include "store_audit.h"
#include "svc_auth.h"
#include "store_entity.h"
#include "store_support.h"
#include "timeutil.h"
#include "tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rng {
    uint64_t s;
};

static uint64_t rng_next(struct rng *r) /* splitmix64 */
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static int rng_int(struct rng *r, int lo, int hi) /* inclusive */
{
    return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

struct office {
    const char *name, *zone, *country_lang, *phone_prefix;
    const char *const *first;
    const char *const *last;
    size_t nfirst, nlast;
};

static const char *const ee_first[] = {"Kadri",  "Mari",   "Liis",   "Triin", "Kristiina", "Piret",
                                       "Anu",    "Katrin", "Merike", "Tiina", "Kaja",      "Helen",
                                       "Andres", "Margus", "Tarmo",  "Jaan",  "Peeter",    "Rein",
                                       "Toomas", "Urmas",  "Indrek", "Priit", "Raul",      "Siim"};
static const char *const ee_last[] = {
    "Tamm",  "Saar",  "Sepp",     "Mägi",  "Kask",   "Kukk", "Rebane", "Ilves", "Pärn", "Koppel",
    "Lepik", "Kuusk", "Raudsepp", "Vaher", "Kallas", "Ots",  "Lill",   "Paju",  "Karu", "Luik"};
static const char *const uk_first[] = {"Olivia", "Amelia",  "Emily",  "Charlotte", "Sophie",
                                       "Hannah", "Grace",   "Lucy",   "James",     "Oliver",
                                       "Harry",  "George",  "Thomas", "William",   "Daniel",
                                       "Samuel", "Eleanor", "Isabel", "Edward",    "Henry"};
static const char *const uk_last[] = {
    "Smith",  "Jones",  "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",  "Patel",
    "Wright", "Walker", "Hughes", "Green", "Hall",     "Clarke", "Turner",  "Bennett", "Cooper"};
static const char *const fi_first[] = {"Aino", "Helmi", "Sanna", "Kaisa", "Mikko", "Juha",
                                       "Timo", "Jari",  "Leena", "Pekka", "Elina", "Ville"};
static const char *const fi_last[] = {"Korhonen", "Virtanen",  "Mäkinen",  "Nieminen", "Hämäläinen",
                                      "Laine",    "Heikkinen", "Koskinen", "Järvinen", "Lehtonen"};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct office offices[] = {
    {"Tallinn", "Europe/Tallinn", "Estonian", "+372 640 ", ee_first, ee_last, N(ee_first),
     N(ee_last)},
    {"London", "Europe/London", "English", "+44 20 7946 ", uk_first, uk_last, N(uk_first),
     N(uk_last)},
    {"Helsinki", "Europe/Helsinki", "Finnish", "+358 9 4257 ", fi_first, fi_last, N(fi_first),
     N(fi_last)},
};

static const struct {
    const char *name, *category;
} skills[] = {
    {"Calendar management", "office"},
    {"Phone handling", "office"},
    {"Travel booking", "office"},
    {"Minutes", "office"},
    {"Correspondence", "office"},
    {"Expense reports", "office"},
    {"Event planning", "office"},
    {"Pre-sales support", "business"},
    {"Candidate pre-screening", "business"},
    {"Board preparation", "business"},
    {"English", "language"},
    {"Estonian", "language"},
    {"Finnish", "language"},
    {"Russian", "language"},
    {"German", "language"},
};
enum {
    SK_CAL,
    SK_PHONE,
    SK_TRAVEL,
    SK_MINUTES,
    SK_CORR,
    SK_EXPENSE,
    SK_EVENT,
    SK_PRESALES,
    SK_SCREEN,
    SK_BOARD,
    SK_EN,
    SK_ET,
    SK_FI,
    SK_RU,
    SK_DE,
    SK__COUNT
};

static const struct {
    const char *name, *description;
    int skill[2], level[2];
} duties[] = {
    {"Phones & calendar",
     "answer calls, take messages, keep the calendar",
     {SK_PHONE, SK_CAL},
     {2, 3}},
    {"Travel", "book and rebook trips, visas, itineraries", {SK_TRAVEL, -1}, {3, 0}},
    {"Minutes", "take and circulate minutes of meetings", {SK_MINUTES, -1}, {3, 0}},
    {"Correspondence", "draft, log and answer letters and e-mail", {SK_CORR, SK_EN}, {3, 3}},
    {"Pre-sales",
     "prepare offers and follow up leads with the sales team",
     {SK_PRESALES, SK_EN},
     {3, 4}},
    {"Pre-screening", "screen candidates before interviews", {SK_SCREEN, -1}, {3, 0}},
    {"Board meetings", "prepare board packs and minutes", {SK_BOARD, SK_MINUTES}, {3, 4}},
    {"Finnish clients", "handle calls and letters in Finnish", {SK_FI, -1}, {4, 0}},
};
enum {
    DU_PHONES,
    DU_TRAVEL,
    DU_MINUTES,
    DU_CORR,
    DU_PRESALES,
    DU_SCREEN,
    DU_BOARD,
    DU_FINNISH,
    DU__COUNT
};

static const struct {
    const char *name;
    const char *titles[3];
    int must[3], nice[2]; /* duty indexes, -1 none */
    int priority;
} departments[] = {
    {"Executive Office",
     {"Chief Executive Officer", "Chief Operating Officer", "Chief of Staff"},
     {DU_PHONES, DU_BOARD, DU_TRAVEL},
     {DU_MINUTES, -1},
     5},
    {"Finance",
     {"Chief Financial Officer", "Head of Controlling", "Treasury Manager"},
     {DU_PHONES, DU_MINUTES, -1},
     {DU_CORR, -1},
     4},
    {"Sales",
     {"Sales Director", "Key Account Director", "Regional Sales Manager"},
     {DU_PHONES, DU_PRESALES, -1},
     {DU_TRAVEL, DU_FINNISH},
     3},
    {"Legal",
     {"General Counsel", "Senior Legal Counsel", "Compliance Officer"},
     {DU_PHONES, DU_CORR, -1},
     {DU_MINUTES, -1},
     3},
    {"People",
     {"HR Director", "Head of Recruitment", "Talent Partner"},
     {DU_PHONES, DU_SCREEN, -1},
     {DU_CORR, -1},
     3},
    {"Engineering",
     {"Chief Technology Officer", "VP Engineering", "Head of Product"},
     {DU_PHONES, -1, -1},
     {DU_TRAVEL, DU_MINUTES},
     2},
};

struct builder {
    struct svc_ctx *ctx;
    struct rng rng;
    struct hl_error *err;
    int64_t skill_id[SK__COUNT];
    int64_t duty_id[DU__COUNT];
    struct demo_summary *sum;
    unsigned used_names[64][64]; /* first × last already taken, per office (bit) */
    int phones;                  /* the last phone extension handed out */
    int in_dept[8][4]; /* principals so far per department and office: the first is the head */
    char password_hash[crypto_pwhash_STRBYTES]; /* of DEMO_PASSWORD, shared by every login */
    bool english; /* --names en: the Tallinn office's people get English names too */
};

/* Gives the person a login (their e-mail) with the demo password. */
static bool add_login(struct builder *b, const char *login, enum role role, int64_t person)
{
    int64_t id;
    if (store_account_insert(b->ctx->db, login, role, person, b->password_hash, &id, b->err) !=
        HL_OK)
        return false;
    b->sum->accounts++;
    return true;
}

/* Validates like the API, then inserts. Returns the new id or 0 with b->err filled. */
static int64_t put(struct builder *b, const struct entity *ent, json_t *rec)
{
    int64_t id = 0;
    json_t *status = json_object_get(rec, "status");
    if (status)
        json_incref(status);
    json_object_del(rec, "status");
    json_t *source = json_object_get(rec, "source");
    if (source)
        json_incref(source);
    json_object_del(rec, "source");
    enum hl_err e = entity_validate_input(ent, rec, true, b->err);
    if (e == HL_OK && ent->check)
        e = ent->check(rec, b->err);
    if (status)
        json_object_set_new(rec, "status", status);
    if (source)
        json_object_set_new(rec, "source", source);
    if (e == HL_OK)
        e = store_entity_insert(b->ctx->db, ent, rec, &id, b->err);
    json_decref(rec);
    return e == HL_OK ? id : 0;
}

static void person_name(struct builder *b, int office, char *out, size_t size, char *email,
                        size_t esize, int serial)
{
    const struct office *o = &offices[office];
    /* English names: every office draws from the London lists, so a name is taken in all
     * offices at once (the e-mail addresses must differ). */
    const struct office *names = b->english ? &offices[1] : o;
    unsigned bit = 1u << (b->english ? 0 : office);
    for (int tries = 0;; tries++) {
        size_t f = (size_t)rng_int(&b->rng, 0, (int)names->nfirst - 1);
        size_t l = (size_t)rng_int(&b->rng, 0, (int)names->nlast - 1);
        bool taken = b->used_names[f][l] & bit;
        if (taken && tries < 50)
            continue;
        b->used_names[f][l] |= bit;
        snprintf(out, size, "%s %s", names->first[f], names->last[l]);
        break;
    }
    /* e-mail: ASCII letters of the name, plus a serial to stay unique. */
    size_t k = 0;
    for (const unsigned char *p = (const unsigned char *)out; *p && k + 1 < esize; p++) {
        if (*p == ' ')
            email[k++] = '.';
        else if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
            email[k++] = (char)(*p | 0x20);
        else if (*p == 0xc3 && p[1]) { /* ä ö ü õ → a o u o */
            unsigned char c = *++p;
            email[k++] = (c == 0xa4 || c == 0x84)                ? 'a'
                         : (c == 0xb6 || c == 0x96 || c == 0xb5) ? 'o'
                                                                 : 'u';
        }
    }
    email[k] = '\0';
    char tail[40];
    snprintf(tail, sizeof tail, serial ? "%d@demo.haldus.example" : "@demo.haldus.example", serial);
    strncat(email, tail, esize - strlen(email) - 1);
}

static int64_t add_pattern(struct builder *b, int64_t person, int weekday, const char *start,
                           const char *end)
{
    b->sum->patterns++;
    return put(b, &ent_work_pattern,
               json_pack("{sI si ss ss}", "person_id", (json_int_t)person, "weekday", weekday,
                         "start_time", start, "end_time", end));
}

/* A local-midnight-to-local-midnight absence of `days` days starting on day `start`. */
static int64_t add_absence(struct builder *b, int64_t person, const char *zone, int64_t start,
                           int days, const char *kind, const char *status, const char *note)
{
    int64_t from, to;
    char f[21], t[21];
    tz_local_to_utc(zone, start, 0, &from);
    tz_local_to_utc(zone, start + days, 0, &to);
    instant_format(from, f);
    instant_format(to, t);
    b->sum->absences++;
    return put(b, &ent_absence,
               json_pack("{sI ss ss ss ss ss}", "person_id", (json_int_t)person, "kind", kind,
                         "start_at", f, "end_at", t, "status", status, "note", note));
}

static int64_t next_weekday(int64_t day, int weekday)
{
    while (weekday_from_days(day) != weekday)
        day++;
    return day;
}

/* The offices' public-holiday calendars and one day off added by hand. */
static bool holidays(struct builder *b, int64_t today)
{
    /* Public holidays: Tallinn keeps Estonia's, London England and Wales's; Finland's
     * calendar is not built, so Helsinki has none. */
    static const char *const calendar[] = {"EE", "GB-EAW", "none"};
    for (size_t i = 0; i < N(offices); i++)
        if (!put(b, &ent_office_calendar,
                 json_pack("{ss ss}", "office", offices[i].name, "country", calendar[i])))
            return false;
    /* And one day off added by hand: Tallinn's staff day, a Friday three months on that is
     * not a public holiday already. */
    int64_t staff = next_weekday(today + 90, 5);
    for (bool again = true; again;) {
        int y, m, d;
        civil_from_days(staff, &y, &m, &d);
        struct holiday_day days[HOLIDAY_MAX_PER_YEAR];
        size_t n = holiday_year(HOLIDAY_EE, y, days);
        again = false;
        for (size_t i = 0; i < n && !again; i++)
            again = days[i].day == staff;
        if (again)
            staff += 7;
    }
    char date[11];
    date_format(staff, date);
    if (!put(b, &ent_office_holiday,
             json_pack("{ss ss ss}", "office", offices[0].name, "date", date, "name", "Staff day")))
        return false;
    return true;
}

static bool catalogue(struct builder *b)
{
    for (int i = 0; i < SK__COUNT; i++)
        if (!(b->skill_id[i] = put(
                  b, &ent_skill,
                  json_pack("{ss ss}", "name", skills[i].name, "category", skills[i].category))))
            return false;
    for (int i = 0; i < DU__COUNT; i++) {
        if (!(b->duty_id[i] = put(b, &ent_duty,
                                  json_pack("{ss ss}", "name", duties[i].name, "description",
                                            duties[i].description))))
            return false;
        for (int k = 0; k < 2; k++)
            if (duties[i].skill[k] >= 0 &&
                !put(b, &ent_duty_skill,
                     json_pack("{sI sI si}", "duty_id", (json_int_t)b->duty_id[i], "skill_id",
                               (json_int_t)b->skill_id[duties[i].skill[k]], "min_level",
                               duties[i].level[k])))
                return false;
    }
    b->sum->skills = SK__COUNT;
    b->sum->duties = DU__COUNT;
    return true;
}

struct principal_info {
    int64_t id;
    int office;
    int dept;
};

struct assistant_info {
    int64_t id;
    int office;
    int load;
    int capacity;
    bool part_time;
};

static int64_t add_principal(struct builder *b, int office, int dept, int rank, int serial,
                             struct principal_info *out)
{
    char name[80], email[120];
    person_name(b, office, name, sizeof name, email, sizeof email, serial);
    /* One head per department and office; the rest are deputies and managers. */
    int seat = b->in_dept[dept][office]++;
    const char *title = departments[dept].titles[seat < 2 ? seat : 2];
    int priority = departments[dept].priority - (seat == 0 ? 0 : 1) - (rank > 0 && seat > 1);
    char phone[32];
    snprintf(phone, sizeof phone, "%s%04d", offices[office].phone_prefix,
             1000 + ++b->phones % 9000);
    if (priority < 1)
        priority = 1;
    const char *langs[] = {offices[office].country_lang, "English"};
    json_t *languages = json_array();
    json_array_append_new(languages, json_string(langs[0]));
    if (strcmp(langs[0], "English") != 0)
        json_array_append_new(languages, json_string("English"));
    int64_t id = put(b, &ent_principal,
                     json_pack("{ss ss ss ss ss so ss ss si}", "name", name, "email", email,
                               "phone", phone, "time_zone", offices[office].zone, "office",
                               offices[office].name, "languages", languages, "title", title,
                               "department", departments[dept].name, "priority", priority));
    if (!id || !add_login(b, email, ROLE_PRINCIPAL, id))
        return 0;
    out->id = id;
    out->office = office;
    out->dept = dept;
    /* Executives want support from 08:30 or 09:00 to 17:00 or 17:30 on weekdays: inside a
     * full-time assistant's day, so only absences and part-time days leave gaps. */
    const char *start = rng_int(&b->rng, 0, 1) ? "08:30" : "09:00";
    const char *end = rng_int(&b->rng, 0, 1) ? "17:00" : "17:30";
    for (int wd = 1; wd <= 5; wd++)
        if (!add_pattern(b, id, wd, start, end))
            return 0;
    for (int k = 0; k < 3; k++) {
        int d = departments[dept].must[k];
        if (d >= 0 && !put(b, &ent_principal_duty,
                           json_pack("{sI sI sb}", "principal_id", (json_int_t)id, "duty_id",
                                     (json_int_t)b->duty_id[d], "must_have", 1)))
            return 0;
    }
    for (int k = 0; k < 2; k++) {
        int d = departments[dept].nice[k];
        if (d == DU_FINNISH && office != 0)
            continue;
        if (d >= 0 && !put(b, &ent_principal_duty,
                           json_pack("{sI sI sb}", "principal_id", (json_int_t)id, "duty_id",
                                     (json_int_t)b->duty_id[d], "must_have", 0)))
            return 0;
    }
    b->sum->principals++;
    return id;
}

static const char *const traits[] = {"calm",     "proactive",  "detail-oriented", "discreet",
                                     "outgoing", "structured", "flexible",        "direct"};

static int64_t add_assistant(struct builder *b, int office, bool part_time, int capacity,
                             const char *fixed_name, const char *fixed_email, int serial,
                             struct assistant_info *out)
{
    char name[80], email[120];
    if (fixed_name) {
        snprintf(name, sizeof name, "%s", fixed_name);
        snprintf(email, sizeof email, "%s", fixed_email);
    } else {
        person_name(b, office, name, sizeof name, email, sizeof email, serial);
    }
    json_t *tr = json_array();
    int t1 = rng_int(&b->rng, 0, (int)N(traits) - 1),
        t2 = (t1 + rng_int(&b->rng, 1, 3)) % (int)N(traits);
    json_array_append_new(tr, json_string(traits[t1]));
    json_array_append_new(tr, json_string(traits[t2]));
    json_t *languages = json_array();
    json_array_append_new(languages, json_string(offices[office].country_lang));
    if (strcmp(offices[office].country_lang, "English") != 0)
        json_array_append_new(languages, json_string("English"));
    char hire[11], phone[32];
    snprintf(phone, sizeof phone, "%s%04d", offices[office].phone_prefix,
             1000 + ++b->phones % 9000);
    date_format(days_from_civil(2010 + rng_int(&b->rng, 0, 15), rng_int(&b->rng, 1, 12),
                                rng_int(&b->rng, 1, 28)),
                hire);
    int64_t id = put(b, &ent_assistant,
                     json_pack("{ss ss ss ss ss so sf si si ss so}", "name", name, "email", email,
                               "phone", phone, "time_zone", offices[office].zone, "office",
                               offices[office].name, "languages", languages, "contracted_hours",
                               part_time ? 24.0 : 40.0, "capacity", capacity, "experience_years",
                               rng_int(&b->rng, 1, 25), "hire_date", hire, "traits", tr));
    if (!id || !add_login(b, email, ROLE_ASSISTANT, id))
        return 0;
    out->id = id;
    out->office = office;
    out->load = 0;
    out->capacity = capacity;
    out->part_time = part_time;
    if (part_time) {
        for (int wd = 1; wd <= 3; wd++)
            if (!add_pattern(b, id, wd, "09:00", "17:00"))
                return 0;
    } else {
        for (int wd = 1; wd <= 5; wd++)
            if (!add_pattern(b, id, wd, "08:30", "17:30"))
                return 0;
    }
    /* Office skills at 2–5, the office's language at 5, English at 3–5, a few others. */
    int level[SK__COUNT] = {0};
    for (int s = SK_CAL; s <= SK_EVENT; s++)
        level[s] = rng_int(&b->rng, 2, 5);
    for (int s = SK_PRESALES; s <= SK_BOARD; s++)
        level[s] = rng_int(&b->rng, 0, 3) == 0 ? 0 : rng_int(&b->rng, 2, 5);
    level[SK_EN] = rng_int(&b->rng, 3, 5);
    level[office == 0 ? SK_ET : office == 2 ? SK_FI : SK_EN] = 5;
    if (office == 0 && rng_int(&b->rng, 0, 2) == 0)
        level[SK_FI] = rng_int(&b->rng, 3, 5);
    if (rng_int(&b->rng, 0, 3) == 0)
        level[SK_RU] = rng_int(&b->rng, 2, 5);
    if (rng_int(&b->rng, 0, 4) == 0)
        level[SK_DE] = rng_int(&b->rng, 2, 4);
    for (int s = 0; s < SK__COUNT; s++)
        if (level[s] && !put(b, &ent_assistant_skill,
                             json_pack("{sI sI si}", "assistant_id", (json_int_t)id, "skill_id",
                                       (json_int_t)b->skill_id[s], "level", level[s])))
            return 0;
    b->sum->assistants++;
    return id;
}

static bool assign(struct builder *b, struct assistant_info *a, const struct principal_info *p,
                   const char *kind, const char *start)
{
    a->load++;
    b->sum->assignments++;
    return put(b, &ent_assignment,
               json_pack("{sI sI ss si ss}", "assistant_id", (json_int_t)a->id, "principal_id",
                         (json_int_t)p->id, "kind", kind, "share", a->part_time ? 100 : 50,
                         "start_date", start)) != 0;
}

/* Up to two designated backups per principal: assistants of the same office other than
 * the primary, least loaded first. */
static bool backups(struct builder *b, struct assistant_info *as, int na,
                    const struct principal_info *p, int64_t primary)
{
    int rank = 1;
    int start = rng_int(&b->rng, 0, na - 1);
    for (int k = 0; k < na && rank <= 2; k++) {
        struct assistant_info *a = &as[(start + k) % na];
        if (a->id == primary || a->office != p->office)
            continue;
        if (!put(b, &ent_backup,
                 json_pack("{sI sI si}", "principal_id", (json_int_t)p->id, "assistant_id",
                           (json_int_t)a->id, "rank", rank)))
            return false;
        rank++;
        b->sum->backups++;
    }
    return true;
}

/* The hand-shaped organisation: 12 assistants, 31 principals, in Tallinn and London. */
static bool small_org(struct builder *b, int64_t today)
{
    static const int loads[12] = {2, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 1};
    static const int office_of[12] = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
    struct assistant_info as[12];
    struct principal_info ps[30];
    char start[11];
    date_format(today - 400, start);
    /* "Kadri Tamm" (English: "Olivia Smith") of Tallinn is the case assistant's alone: the
     * first name of each list with its first surname. */
    b->used_names[0][0] |= 1u;
    for (int i = 0; i < 12; i++) {
        bool part = i == 11 || i == 10;
        int64_t id =
            i == 0 ? add_assistant(b, 0, false, 3, b->sum->case_name, b->sum->case_login, 0, &as[i])
                   : add_assistant(b, office_of[i], part, loads[i] + 1, NULL, NULL, 0, &as[i]);
        if (!id)
            return false;
    }
    int np = 0;
    for (int i = 0; i < 12; i++)
        for (int k = 0; k < loads[i]; k++, np++) {
            int dept = (np * 5 + k) % (int)N(departments);
            if (!add_principal(b, office_of[i], dept, np / (int)N(departments), 0, &ps[np]) ||
                !assign(b, &as[i], &ps[np], "primary", start))
                return false;
        }
    /* Two principals share their primary's sister office colleague as secondary. */
    if (!assign(b, &as[3], &ps[0], "secondary", start) ||
        !assign(b, &as[8], &ps[22], "secondary", start))
        return false;
    for (int i = 0; i < np; i++) {
        int64_t primary = 0;
        for (int a = 0, n = 0; a < 12; a++)
            for (int k = 0; k < loads[a]; k++, n++)
                if (n == i)
                    primary = as[a].id;
        if (!backups(b, as, 12, &ps[i], primary))
            return false;
    }
    /* The source document's case: Kadri Tamm (two executives) asks for a week of vacation
     * next month, Monday to Friday. */
    int y, m, d;
    civil_from_days(today, &y, &m, &d);
    int64_t first_next = days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1);
    int64_t monday = next_weekday(first_next + 7, 1);
    b->sum->case_assistant_id = as[0].id;
    b->sum->case_absence_id = add_absence(b, as[0].id, offices[0].zone, monday, 5, "vacation",
                                          "requested", "Family holiday, booked in spring");
    if (!b->sum->case_absence_id)
        return false;
    /* Other upcoming leave: some approved, some waiting for a decision. */
    if (!add_absence(b, as[2].id, offices[0].zone, next_weekday(today + 3, 3), 2, "training",
                     "approved", "Advanced minute-taking course") ||
        !add_absence(b, as[4].id, offices[0].zone, next_weekday(today + 10, 1), 5, "vacation",
                     "approved", "") ||
        !add_absence(b, as[8].id, offices[1].zone, next_weekday(today + 1, 4), 1, "sick",
                     "approved", "Dentist") ||
        !add_absence(b, as[9].id, offices[1].zone, next_weekday(today + 20, 5), 4, "vacation",
                     "requested", "Long weekend away") ||
        !add_absence(b, as[6].id, offices[0].zone, next_weekday(today + 35, 2), 1, "interview",
                     "approved", "Interview panel for the new assistant") ||
        !add_absence(b, as[5].id, offices[0].zone, next_weekday(today - 20, 1), 5, "vacation",
                     "rejected", "Clashes with the board meeting"))
        return false;
    /* A new executive who joined this week and has no primary assistant yet (the manager is
     * hiring one): two designated backups meanwhile. Today and the board flag them "without
     * support" (issue 9), and the planner proposes their backups day by day. */
    struct principal_info newcomer;
    if (!add_principal(b, 0, 1, 0, 0, &newcomer) || !backups(b, as, 12, &newcomer, 0))
        return false;
    return true;
}

/* A large synthetic organisation for benchmarks. */
static bool large_org(struct builder *b, int na, int np, int64_t today)
{
    struct assistant_info *as = calloc((size_t)na, sizeof *as);
    struct principal_info *ps = calloc((size_t)np, sizeof *ps);
    bool ok = false;
    char start[11];
    date_format(today - 400, start);
    if (!as || !ps)
        goto out;
    int noff = (int)N(offices);
    for (int i = 0; i < na; i++) {
        int office = i % noff;
        bool part = rng_int(&b->rng, 0, 9) == 0;
        int capacity = (np + na - 1) / na + rng_int(&b->rng, 1, 2);
        if (capacity > 10) /* the most an assistant may have; the rest stay without primary */
            capacity = 10;
        if (!add_assistant(b, office, part, capacity, NULL, NULL, i + 1, &as[i]))
            goto out;
    }
    for (int i = 0; i < np; i++) {
        int office = i % noff;
        if (!add_principal(b, office, rng_int(&b->rng, 0, (int)N(departments) - 1), i, na + i + 1,
                           &ps[i]))
            goto out;
        /* The least loaded assistant of the same office with room left. */
        struct assistant_info *best = NULL;
        for (int a = office; a < na; a += noff)
            if (as[a].load < as[a].capacity && (!best || as[a].load < best->load))
                best = &as[a];
        if (best && !assign(b, best, &ps[i], "primary", start))
            goto out;
        int64_t primary = best ? best->id : 0;
        /* Two backups near the primary in the list, same office. */
        int rank = 1;
        for (int k = 1; k < na && rank <= 2; k++) {
            struct assistant_info *c = &as[(office + noff * (i + k * 7)) % na];
            if (c->id == primary || c->office != office)
                continue;
            if (!put(b, &ent_backup,
                     json_pack("{sI sI si}", "principal_id", (json_int_t)ps[i].id, "assistant_id",
                               (json_int_t)c->id, "rank", rank)))
                goto out;
            rank++;
            b->sum->backups++;
        }
    }
    /* About 8 % of working days away over the coming year: four absences of 1–9 days. */
    static const char *const kinds[] = {"vacation", "vacation", "sick", "training"};
    for (int i = 0; i < na; i++) {
        int64_t day = today + rng_int(&b->rng, 1, 60);
        for (int k = 0; k < 4; k++) {
            int len = rng_int(&b->rng, 1, 9);
            const char *kind = kinds[rng_int(&b->rng, 0, 3)];
            if (!add_absence(b, as[i].id, offices[as[i].office].zone, day, len, kind,
                             rng_int(&b->rng, 0, 4) ? "approved" : "requested", ""))
                goto out;
            day += len + rng_int(&b->rng, 20, 90);
        }
    }
    ok = true;
out:
    free(as);
    free(ps);
    return ok;
}

enum hl_err svc_demo_build(struct svc_ctx *ctx, const struct demo_options *opt,
                           struct demo_summary *sum, struct hl_error *err)
{
    memset(sum, 0, sizeof *sum);
    struct builder *b = calloc(1, sizeof *b);
    if (!b)
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "out of memory");
    b->ctx = ctx;
    b->english = opt->english_names;
    sum->case_name = b->english ? "Olivia Smith" : "Kadri Tamm";
    sum->case_login =
        b->english ? "olivia.smith@demo.haldus.example" : "kadri.tamm@demo.haldus.example";
    sum->manager_name = b->english ? "Alice Kirby" : "Anneli Kuusk";
    b->rng.s = opt->seed;
    b->err = err;
    b->sum = sum;
    enum hl_err e = db_begin(ctx->db, true, err);
    if (e != HL_OK)
        goto out;
    struct list_query q = {.limit = 1};
    json_t *items;
    bool more;
    if ((e = store_entity_list(ctx->db, &ent_person, &q, &items, &more, err)) != HL_OK)
        goto fail;
    size_t existing = json_array_size(items);
    json_decref(items);
    struct account admin;
    struct hl_error ignore;
    if (!existing &&
        store_account_by_login(ctx->db, DEMO_ADMIN_LOGIN, &admin, NULL, &ignore) == HL_OK) {
        e = hl_fail(err, HL_ERR_CONFLICT, NULL,
                    "%s already has accounts (made by `haldus init`?); the demo makes its own: "
                    "give it a new file, e.g. --db demo.db",
                    db_path(ctx->db));
        goto fail;
    }
    if (existing) {
        e = hl_fail(err, HL_ERR_CONFLICT, NULL,
                    "%s already holds people; the demo needs an empty database", db_path(ctx->db));
        goto fail;
    }
    if ((e = auth_password_hash(DEMO_PASSWORD, b->password_hash, err)) != HL_OK)
        goto fail;
    /* The admin manager (a person who is neither assistant nor principal) and an admin. */
    int64_t manager =
        put(b, &ent_person,
            json_pack("{ss ss ss ss ss s[ss]}", "name", sum->manager_name, "email",
                      DEMO_MANAGER_LOGIN, "phone", "+372 600 0100", "time_zone", "Europe/Tallinn",
                      "office", "Tallinn", "languages", "Estonian", "English"));
    bool ok = manager && add_login(b, DEMO_MANAGER_LOGIN, ROLE_MANAGER, manager) &&
              add_login(b, DEMO_ADMIN_LOGIN, ROLE_ADMIN, 0);
    ok = ok && catalogue(b) && holidays(b, opt->today) &&
         (opt->assistants > 0 ? large_org(b, opt->assistants, opt->principals, opt->today)
                              : small_org(b, opt->today));
    if (!ok) {
        e = err->code ? err->code : HL_ERR_INTERNAL;
        goto fail;
    }
    if ((e = store_fit_skills_to_duties(ctx->db, err)) != HL_OK)
        goto fail;
    /* Each domain adds its own demo data for the people now present (domain.h, `demo`). */
    struct demo_context dc = {opt->seed, opt->today, manager, opt->assistants > 0};
    for (const struct domain *const *d = domain_registry; *d; d++)
        if ((*d)->demo && (e = (*d)->demo(ctx, &dc, err)) != HL_OK)
            goto fail;
    json_t *after =
        json_pack("{si si si si}", "assistants", sum->assistants, "principals", sum->principals,
                  "assignments", sum->assignments, "absences", sum->absences);
    e = store_audit_insert(ctx->db, ctx->actor, 0, "demo", "organisation", 0, NULL, after, err);
    json_decref(after);
    if (e != HL_OK || (e = db_commit(ctx->db, err)) != HL_OK)
        goto fail;
    goto out;
fail:
    db_rollback(ctx->db);
out:
    free(b);
    return e;
}
