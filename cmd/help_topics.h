/* cmd/help_topics.h: the topic texts of the help folder, compiled into the
 * binary by tools/embed-help.sh (build/gen/help_topics.c). */
#ifndef WARDEN_HELP_TOPICS_H
#define WARDEN_HELP_TOPICS_H

struct help_topic {
	const char *name;	/* the file's name: "trust-levels" */
	const char *summary;	/* its first line */
	const char *text;	/* the rest */
};

/* Ends with a NULL name. */
extern const struct help_topic help_topics[];

#endif
