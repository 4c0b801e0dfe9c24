/*
 * xmlmsg.h — libxml2's messages in Italian, with what to write instead.
 */
#ifndef RZ_XMLMSG_H
#define RZ_XMLMSG_H

#include <stddef.h>

/* Writes into out (size bytes) the Italian form of a libxml2 message:
 * from_schema for XSD validation, otherwise the XML parser; line is the
 * line libxml2 reports. Known messages become a sentence with the fix,
 * followed by the original in brackets; any other keeps the original after
 * a generic opening. Always one line. */
void rz_xml_message_it(int from_schema, const char *message, long line, char *out, size_t size);

#endif
