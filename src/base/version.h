/* version.h — the library's version ("0.1.0"). */
#ifndef RZ_VERSION_H
#define RZ_VERSION_H

#include "relazione.h" /* rz_version */

#endif
