/* svc_demo.h: a believable demo organisation, or a large synthetic one for benchmarks. */
#ifndef HL_SVC_DEMO_H
#define HL_SVC_DEMO_H

#include "svc.h"

#include <stdbool.h>
#include <stdint.h>

struct demo_options {
    uint64_t seed;
    int assistants; /* 0: the hand-shaped demo of 12 assistants and 30 principals */
    int principals;
    int64_t today;      /* day number that "next month" and "upcoming" count from */
    bool english_names; /* English names in the Tallinn office too (the default: Estonian) */
};

/* Every demo login (the e-mail of each person, plus these two) has this password.
 * Demo only: never use a demo database for real data. */
#define DEMO_PASSWORD      "haldus-demo-2026"
#define DEMO_MANAGER_LOGIN "manager@demo.haldus.example"
#define DEMO_ADMIN_LOGIN   "admin"

struct demo_summary {
    int assistants, principals, skills, duties, assignments, backups, patterns, absences;
    int accounts;
    int64_t case_assistant_id; /* the source document's case: away a week next month */
    int64_t case_absence_id;
    const char *case_name, *case_login; /* the case assistant: "Kadri Tamm", her login */
    const char *manager_name;           /* the admin manager */
};

/* Fills an empty, current database in one transaction. Fails with HL_ERR_CONFLICT when it
 * already holds people. */
enum hl_err svc_demo_build(struct svc_ctx *ctx, const struct demo_options *opt,
                           struct demo_summary *sum, struct hl_error *err);

#endif
