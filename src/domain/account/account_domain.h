/* account_domain.h: the account domain (sign-in, sessions, tokens, accounts) for the registry. */
#ifndef HL_ACCOUNT_DOMAIN_H
#define HL_ACCOUNT_DOMAIN_H

#include "domain.h"

extern const struct domain domain_account;

#endif
