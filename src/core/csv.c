/*
 * csv.c - mf_csv_split() (csv.h).
 */
#include "core/csv.h"

#include <stddef.h>

int mf_csv_split(char *line, char **fields, int max)
{
    int n = 0;
    char *in = line, *out = line; /* unescaping only shortens: out never passes in */
    for (;;) {
        if (n == max)
            return max + 1;
        fields[n++] = out;
        if (*in == '"') {
            for (in++;; in++) {
                if (*in == '\0')
                    return -1; /* no closing quote */
                if (*in == '"') {
                    if (in[1] != '"')
                        break;
                    in++; /* "" is one quote */
                }
                *out++ = *in;
            }
            in++; /* the closing quote */
            if (*in != ',' && *in != '\0')
                return -1;
        } else {
            for (; *in != ',' && *in != '\0'; in++) {
                if (*in == '"')
                    return -1;
                *out++ = *in;
            }
        }
        if (*in == '\0') {
            *out = '\0';
            return n;
        }
        *out++ = '\0';
        in++; /* the comma */
    }
}
