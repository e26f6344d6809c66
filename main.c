/* main.c: placeholder until the command language lands. */
#include <stdio.h>

int
main(void)
{
	return 0;
}
