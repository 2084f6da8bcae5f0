/* meeting.h: the meetings domain — meetings booked on behalf of an executive, the room catalog,
 * find-a-time over everyone's working hours and busy times, outside calendars a person
 * registers, iTIP invitations by e-mail and each person's calendar feed. */
#ifndef HL_MEETING_H
#define HL_MEETING_H

#include "domain.h"
#include "entity.h"
#include "svc.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

extern const struct entity ent_room;
extern const struct entity ent_meeting;
extern const struct entity ent_meeting_attendee;
extern const struct entity ent_outside_calendar;
extern const struct entity ent_meeting_request;
extern const struct domain domain_meeting;

#define MEETING_MAX_ATTENDEES 60                /* attendees of one meeting or one search */
#define MEETING_MAX_WINDOW    (62 * 86400)      /* longest window find-a-time searches */
#define MEETING_FEED_PAST     (90 * 86400)      /* a feed shows this far back … */
#define MEETING_FEED_FUTURE   (400 * 86400)     /* … and this far ahead */
#define OUTSIDE_MAX_BYTES     (4 * 1024 * 1024) /* an outside calendar's text */

/* POST /api/v1/meetings/find-time: {principal_id?, attendees:[{person_id|email, required}],
 * from, to, duration_minutes, buffer_minutes?, step_minutes?, earliest?, latest?, room_id?,
 * count?} → {slots:[…], attendees:[{…, free:[…]}]}. *out owned by the caller. */
enum hl_err svc_meeting_find_time(struct svc_ctx *ctx, const json_t *body, json_t **out,
                                  struct hl_error *err);

/* POST /api/v1/meetings: books a meeting on behalf of principal_id and queues the invitations.
 * *out is the meeting with its attendees. */
enum hl_err svc_meeting_book(struct svc_ctx *ctx, const json_t *body, json_t **out,
                             struct hl_error *err);

/* POST /api/v1/meetings/{id}/reschedule {start_at, duration_minutes?, room_id?}: a new time,
 * SEQUENCE one more, updates sent. */
enum hl_err svc_meeting_reschedule(struct svc_ctx *ctx, int64_t id, const json_t *body,
                                   json_t **out, struct hl_error *err);

/* POST /api/v1/meetings/{id}/cancel: status cancelled, SEQUENCE one more, METHOD:CANCEL sent. */
enum hl_err svc_meeting_cancel(struct svc_ctx *ctx, int64_t id, json_t **out, struct hl_error *err);

/* POST /api/v1/meetings-to-arrange {principal_id, with_whom, subject, duration_minutes?,
 * by_date?, notes?}: a meeting to arrange, recorded by the executive, an assistant who supports
 * or covers them, or a manager. Booking a meeting with its request_id closes it. */
enum hl_err svc_meeting_request_add(struct svc_ctx *ctx, const json_t *body, json_t **out,
                                    struct hl_error *err);

/* POST /api/v1/meetings-to-arrange/{id}/drop: an open one no longer wanted (if_match 0: any
 * version). */
enum hl_err svc_meeting_request_drop(struct svc_ctx *ctx, int64_t id, int64_t if_match,
                                     json_t **out, struct hl_error *err);

/* The meeting (as the entity) with "attendees": [...] added; 404 when not visible. */
enum hl_err svc_meeting_get(struct svc_ctx *ctx, int64_t id, json_t **out, struct hl_error *err);

/* POST /api/v1/outside-calendars {person_id, name, ics | url}: registers an uploaded calendar,
 * or one read from its URL now (refused, creating nothing, when it cannot be read), and reads
 * its busy times (recurrences expanded). */
enum hl_err svc_outside_calendar_add(struct svc_ctx *ctx, const json_t *body, json_t **out,
                                     struct hl_error *err);

/* POST /api/v1/outside-calendars/{id}/refresh: reads a calendar from its URL now (those who may
 * register it). A failed reading keeps the busy times read before and is answered as the
 * calendar with its last_error, not as an error. */
enum hl_err svc_outside_calendar_refresh(struct svc_ctx *ctx, int64_t id, json_t **out,
                                         struct hl_error *err);

/* The domain's tick: reads the calendars with a URL not tried for HALDUS_CALENDAR_REFRESH
 * seconds (default an hour), at most 100 a run. */
enum hl_err meeting_tick(struct svc_ctx *ctx, char **summary, struct hl_error *err);

/* Calendar feeds of the signed-in account's person: list, create (the secret shown once),
 * revoke; and the feed's text for a secret (NOT_FOUND for an unknown or revoked one). */
enum hl_err svc_feed_list(struct svc_ctx *ctx, json_t **out, struct hl_error *err);
enum hl_err svc_feed_create(struct svc_ctx *ctx, bool busy_only, json_t **out,
                            struct hl_error *err);
enum hl_err svc_feed_revoke(struct svc_ctx *ctx, int64_t id, struct hl_error *err);
enum hl_err svc_feed_render(struct svc_ctx *ctx, const char *secret, char **text,
                            struct hl_error *err);

/* The domain's hooks: demo data (demo_meeting.c) and the feed's meetings (svc_meeting.c). */
enum hl_err meeting_demo(struct svc_ctx *ctx, const struct demo_context *demo,
                         struct hl_error *err);
enum hl_err meeting_feed(struct svc_ctx *ctx, int64_t person_id, int64_t from, int64_t to,
                         struct feed_list *out, struct hl_error *err);

/* Handlers (api_meeting.c). */
struct request;
struct response;
enum hl_err api_meeting_find_time(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_meeting_book(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_meeting_reschedule(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_meeting_cancel(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_outside_calendar_add(struct request *req, struct response *res,
                                     struct hl_error *err);
enum hl_err api_outside_calendar_refresh(struct request *req, struct response *res,
                                         struct hl_error *err);
enum hl_err api_meeting_request_add(struct request *req, struct response *res,
                                    struct hl_error *err);
enum hl_err api_meeting_request_drop(struct request *req, struct response *res,
                                     struct hl_error *err);
enum hl_err api_feeds_list(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_feed_create(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_feed_delete(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_calendar_feed(struct request *req, struct response *res, struct hl_error *err);

#endif
