/* main.c - entry point of mf (being built). */
#include <stdio.h>

int main(void)
{
    return 0;
}
