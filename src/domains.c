/* domains.c: the registry — every domain of Haldus, like main.c's table of commands. Adding a
 * domain is one line here (docs/architecture.md, "Adding a domain"). */
#include "domain.h"

#include "absence.h"
#include "account_domain.h"
#include "coverage_domain.h"
#include "desk.h"
#include "fit.h"
#include "holiday_domain.h"
#include "mail.h"
#include "mediation.h"
#include "leave.h"
#include "meeting.h"
#include "people.h"
#include "recruit.h"
#include "training.h"

#include <string.h>

/* One domain per line (clang-format off keeps it so, and merges simple). */
/* clang-format off */
static const struct domain *const haldus_domains[] = {
    &domain_account,
    &domain_people,
    &domain_absence,
    &domain_coverage,
    &domain_holiday,
    &domain_mail,
    &domain_mediation,
    &domain_leave,
    &domain_desk,
    &domain_meeting,
    &domain_recruit,
    &domain_fit,
    &domain_training,
    NULL,
};
/* clang-format on */

const struct domain *const *domain_registry = haldus_domains;

const struct entity *domain_entity_next(struct domain_iter *it)
{
    if (!it->d)
        it->d = domain_registry;
    while (*it->d) {
        const struct entity *const *e = it->e ? it->e : (*it->d)->entities;
        if (e && *e) {
            it->e = e + 1;
            return *e;
        }
        it->d++;
        it->e = NULL;
    }
    return NULL;
}

const struct entity *domain_entity_by_path(const char *path)
{
    struct domain_iter it = {0};
    for (const struct entity *e; (e = domain_entity_next(&it));)
        if (strcmp(e->path, path) == 0)
            return e;
    return NULL;
}

admit_fn domain_route_admit(const struct route *r)
{
    for (const struct domain *const *d = domain_registry; *d; d++)
        for (size_t i = 0; (*d)->admit && i < (*d)->nroutes; i++)
            if ((*d)->routes[i].handler == r->handler)
                return (*d)->admit;
    return NULL;
}
