/* data/schema.h: the versioned schema (PRAGMA user_version). */
#ifndef WARDEN_SCHEMA_H
#define WARDEN_SCHEMA_H

/* The version this binary writes: the number of migrations. */
int schema_version(void);
/* The SQL that takes a database from version `from` to `from + 1`. */
const char *schema_migration(int from);

#endif
