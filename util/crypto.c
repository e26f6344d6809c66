/* util/crypto.c: SHA-256 and random bytes, from OpenSSL's libcrypto. */
#include "util.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

void
sha256_hex(const void *data, size_t len, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	if (!EVP_Digest(data, len, md, &n, EVP_sha256(), NULL) || n != 32)
		fatal("SHA-256 failed in libcrypto");
	for (i = 0; i < n; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

bool
random_bytes(void *out, size_t n)
{
	return RAND_bytes(out, (int)n) == 1;
}
