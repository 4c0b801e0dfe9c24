/* version.h — the library's version ("0.1.0"). */
#ifndef RZ_VERSION_H
#define RZ_VERSION_H

const char *rz_version(void);

#endif
