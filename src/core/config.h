/*
 * config.h - the configuration: every key declared once, loaded from layered sources,
 * validated by name and place, with typed getters and the origin of every effective value.
 *
 * Exports: MF_CONFIG_KEYS (the key table), mf_config_type, mf_config_key, mf_config (opaque),
 * mf_config_new() / mf_config_new_with_keys() / mf_config_free(), the loaders
 * mf_config_load_file(), mf_config_load_string(), mf_config_load_env() (with the environment
 * lookups mf_config_env_process() and mf_config_env_envp()) and mf_config_set(), the getters
 * mf_config_get_string(), mf_config_get_int(), mf_config_get_bool(), mf_config_get_enum(),
 * mf_config_get_log_level(), and the iteration API mf_config_count(), mf_config_entry_at(),
 * mf_config_find() and mf_config_origin_format().
 *
 * Sources, in increasing precedence (a later load overrides an earlier one key by key):
 *
 *   1. built-in defaults (the table below)
 *   2. an INI file:            [log] level = debug          mf_config_load_file()
 *   3. environment variables:  MF_LOG_LEVEL=debug           mf_config_load_env()
 *   4. command-line flags:     --log-level debug            mf_config_set()
 *
 * The caller applies them in that order. Every load is all-or-nothing: the whole source is
 * parsed and validated first, and on any error the configuration is left exactly as it was.
 * Errors are MF_ECONFIG (MF_ENOTFOUND for a missing file, MF_EIO for an unreadable one) with
 * a message naming the key or value and the place: "unknown key 'levle' in section [log] at
 * mf.ini:7", "invalid value 'x' for MF_LOG_LEVEL: expected one of debug, info, warn, error".
 *
 * A configuration holds no global state; it is not safe to modify from several threads at once
 * but any number of threads may read one that is no longer modified.
 */
#ifndef MF_CORE_CONFIG_H
#define MF_CORE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/log.h"

/* Type of a key's value; the canonical text of each is what the getters and `show` print. */
typedef enum mf_config_type {
    MF_CONFIG_STRING,   /* text of min..max bytes (max 0: up to MF_CONFIG_VALUE_MAX) */
    MF_CONFIG_INT,      /* decimal integer in min..max */
    MF_CONFIG_BOOL,     /* true/false, yes/no, on/off, 1/0; canonical "true" or "false" */
    MF_CONFIG_ENUM,     /* one of the '|'-separated choices ("fast|safe") */
    MF_CONFIG_LOG_LEVEL /* debug, info, warn or error (mf_log_level_parse()) */
} mf_config_type;

/*
 * The key table: X(name, type, default, min, max, choices, doc), one line per key.
 *   name     "section.key", lowercase letters, digits and '_'; the environment variable is
 *            MF_<SECTION>_<KEY> upper-cased, the INI form is `key = ...` under [section]
 *   min/max  string: length bounds in bytes (min 1 = must not be empty); int: value bounds;
 *            ignored (0) for the other types
 *   choices  MF_CONFIG_ENUM only: "a|b|c"; NULL otherwise
 *   doc      one line for `mf config show`, docs/configuration.md and mf.ini.example
 * A module that needs a setting adds its line here and documents it in those two files.
 */
#define MF_CONFIG_KEYS(X)                                                                          \
    X("store.url", MF_CONFIG_STRING, "sqlite:mf.db", 1, 0, NULL,                                   \
      "where data is stored: sqlite:PATH for a SQLite file, postgresql://... for PostgreSQL")      \
    X("log.level", MF_CONFIG_LOG_LEVEL, "info", 0, 0, NULL,                                        \
      "least severe log records written: debug, info, warn or error")                              \
    X("log.file", MF_CONFIG_STRING, "", 0, 0, NULL,                                                \
      "file the JSON log lines are appended to; empty for standard error")                         \
    X("http.connect_timeout_ms", MF_CONFIG_INT, "10000", 1, 600000, NULL,                          \
      "connect timeout of each HTTP attempt, milliseconds")                                        \
    X("http.total_timeout_ms", MF_CONFIG_INT, "60000", 1, 3600000, NULL,                           \
      "whole-transfer timeout of each HTTP attempt, milliseconds")                                 \
    X("http.max_retries", MF_CONFIG_INT, "3", 0, 20, NULL,                                         \
      "retries after a timeout, a connection error, HTTP 429 or 5xx")                              \
    X("http.backoff_base_ms", MF_CONFIG_INT, "500", 0, 86400000, NULL,                             \
      "first retry delay, doubled each retry, with jitter; milliseconds")                          \
    X("http.backoff_max_ms", MF_CONFIG_INT, "30000", 0, 86400000, NULL,                            \
      "cap on a retry delay and on a server's Retry-After, milliseconds")                          \
    X("http.min_interval_ms", MF_CONFIG_INT, "250", 0, 86400000, NULL,                             \
      "least time between two requests to the same host, milliseconds")                            \
    X("http.max_body_mib", MF_CONFIG_INT, "256", 1, 4096, NULL,                                    \
      "largest response body accepted, MiB (decoded)")                                             \
    X("http.user_agent", MF_CONFIG_STRING, "", 0, 0, NULL,                                         \
      "User-Agent header; empty for macro-fund-system/<version>")                                  \
    X("ingest.concurrency", MF_CONFIG_INT, "4", 1, 16, NULL,                                       \
      "requests a backfill or ingest runs at once (different sources)")                            \
    X("fred.api_key", MF_CONFIG_STRING, "", 0, 0, NULL,                                            \
      "FRED API key (free at fred.stlouisfed.org); needed by the fred source")                     \
    X("sources.bcb_sgs", MF_CONFIG_STRING, "https://api.bcb.gov.br/dados/serie", 1, 0, NULL,       \
      "base URL of the BCB SGS time series API")                                                   \
    X("sources.bcb_ptax", MF_CONFIG_STRING,                                                        \
      "https://olinda.bcb.gov.br/olinda/servico/PTAX/versao/v1/odata", 1, 0, NULL,                 \
      "base URL of the BCB PTAX (Olinda OData)")                                                   \
    X("sources.bcb_focus", MF_CONFIG_STRING,                                                       \
      "https://olinda.bcb.gov.br/olinda/servico/Expectativas/versao/v1/odata", 1, 0, NULL,         \
      "base URL of the BCB Focus expectations (Olinda OData)")                                     \
    X("sources.bcb_fx_flow", MF_CONFIG_STRING, "https://api.bcb.gov.br/dados/serie", 1, 0, NULL,   \
      "base URL of the BCB FX flow (SGS series)")                                                  \
    X("sources.fred", MF_CONFIG_STRING, "https://api.stlouisfed.org/fred", 1, 0, NULL,             \
      "base URL of the FRED API")                                                                  \
    X("sources.yahoo", MF_CONFIG_STRING, "https://query1.finance.yahoo.com/v8/finance/chart", 1,   \
      0, NULL, "base URL of the Yahoo Finance chart API")                                          \
    X("sources.b3", MF_CONFIG_STRING, "https://www.b3.com.br/pesquisapregao/download", 1, 0, NULL, \
      "base URL of the B3 price reports (SPRD files)")                                             \
    X("sources.tesouro_direto", MF_CONFIG_STRING,                                                  \
      "https://www.tesourotransparente.gov.br/ckan/dataset/df56aa42-484a-4a59-8184-7676580c81e3/"  \
      "resource/796d2059-14e9-44e3-80c9-2d9e30b405c1/download",                                    \
      1, 0, NULL, "base URL of the Tesouro Direto price and rate history (CSV)")                   \
    X("sources.ibge_sidra", MF_CONFIG_STRING, "https://apisidra.ibge.gov.br/values", 1, 0, NULL,   \
      "base URL of the IBGE SIDRA API")                                                            \
    X("sources.stn", MF_CONFIG_STRING, "https://www.tesourotransparente.gov.br/ckan/api/3/action", \
      1, 0, NULL, "base URL of the Tesouro Nacional CKAN API")                                     \
    X("sources.cftc", MF_CONFIG_STRING, "https://publicreporting.cftc.gov/resource", 1, 0, NULL,   \
      "base URL of the CFTC public reporting (Socrata)")                                           \
    X("sources.ust", MF_CONFIG_STRING,                                                             \
      "https://home.treasury.gov/resource-center/data-chart-center/interest-rates", 1, 0, NULL,    \
      "base URL of the US Treasury interest-rate data")                                            \
    X("server.host", MF_CONFIG_STRING, "127.0.0.1", 1, 0, NULL,                                    \
      "address mf serve binds (IPv4); 127.0.0.1 keeps it on this machine")                         \
    X("server.port", MF_CONFIG_INT, "8080", 0, 65535, NULL,                                        \
      "port mf serve listens on (0: any free port, printed at start)")                             \
    X("server.threads", MF_CONFIG_INT, "4", 1, 32, NULL,                                           \
      "worker threads of mf serve, each with its own store connection")                            \
    X("server.cors_origins", MF_CONFIG_STRING, "", 0, 0, NULL,                                     \
      "comma-separated origins allowed by CORS ('*' for any); empty for none")                     \
    X("server.max_body_kib", MF_CONFIG_INT, "1024", 1, 1048576, NULL,                              \
      "largest request body accepted, KiB (larger: 413)")                                          \
    X("server.timeout_s", MF_CONFIG_INT, "30", 1, 3600, NULL,                                      \
      "idle connection timeout of mf serve, seconds")                                              \
    X("server.web_root", MF_CONFIG_STRING, "web/dist", 0, 0, NULL,                                 \
      "directory of the web UI's built files served at / (missing: API only)")                     \
    X("server.sse_poll_ms", MF_CONFIG_INT, "500", 10, 60000, NULL,                                 \
      "how often the event stream reads the event log, milliseconds")                              \
    X("server.sse_heartbeat_s", MF_CONFIG_INT, "15", 1, 3600, NULL,                                \
      "seconds between heartbeat comments on an event stream")                                     \
    X("server.sse_max_streams", MF_CONFIG_INT, "100", 0, 100000, NULL,                             \
      "event streams (GET /api/v1/events) open at once; more are refused with 503")                \
    X("sim.seed", MF_CONFIG_INT, "20050103", 0, INT64_MAX, NULL,                                   \
      "seed of the simulated market (source simulated): same seed, same world")                    \
    X("quality.after_ingest", MF_CONFIG_BOOL, "true", 0, 0, NULL,                                  \
      "run the quality checks on the series each mf ingest / mf backfill touched")                 \
    X("quality.window_days", MF_CONFIG_INT, "366", 1, 36525, NULL,                                 \
      "lookback of the quality checks (gaps, duplicates, outliers, ...), calendar days")           \
    X("quality.checks_off", MF_CONFIG_STRING, "", 0, 0, NULL,                                      \
      "quality checks switched off everywhere, comma-separated (e.g. flatline,outliers)")

/* Longest value accepted from any source, in bytes. */
#define MF_CONFIG_VALUE_MAX 4096

/* Largest configuration file read, in bytes. */
#define MF_CONFIG_FILE_MAX ((size_t)1 << 20)

/* One key of a table (the fields of an MF_CONFIG_KEYS line). */
typedef struct mf_config_key {
    const char *name;
    mf_config_type type;
    const char *def;
    int64_t min;
    int64_t max;
    const char *choices;
    const char *doc;
} mf_config_key;

/* Where an effective value came from. */
typedef enum mf_config_origin_kind {
    MF_CONFIG_FROM_DEFAULT,
    MF_CONFIG_FROM_FILE, /* source: the file name as given, line: 1-based */
    MF_CONFIG_FROM_ENV,  /* source: the variable name */
    MF_CONFIG_FROM_FLAG  /* source: the label passed to mf_config_set() (may be NULL) */
} mf_config_origin_kind;

typedef struct mf_config_origin {
    mf_config_origin_kind kind;
    const char *source; /* NULL for defaults */
    int line;           /* 0 unless from a file */
} mf_config_origin;

/* One key with its effective value, for listing. All strings borrowed, see mf_config_entry_at. */
typedef struct mf_config_entry {
    const char *name; /* "log.level" */
    const char *env;  /* "MF_LOG_LEVEL" */
    mf_config_type type;
    const char *value; /* canonical text of the effective value */
    const char *def;   /* the default */
    const char *doc;
    mf_config_origin origin;
} mf_config_entry;

typedef struct mf_config mf_config;

/*
 * A configuration over the built-in MF_CONFIG_KEYS, every key at its default.
 * Fails only if the table itself is wrong (MF_EINVAL, message naming the key).
 * Caller owns the result; free with mf_config_free().
 */
int mf_config_new(mf_config **out, mf_error *err);

/*
 * A configuration over the count keys of keys, every key at its default. The table is checked:
 * well-formed unique names, min <= max, choices for enums, valid defaults (MF_EINVAL naming
 * the key otherwise). Borrowed: keys and its strings must outlive the configuration (a static
 * table). *out is written only on success. Caller owns the result; free with mf_config_free().
 */
int mf_config_new_with_keys(const mf_config_key *keys, size_t count, mf_config **out,
                            mf_error *err);

/* Releases cfg; NULL is allowed. */
void mf_config_free(mf_config *cfg);

/*
 * Loads the INI file at path (at most MF_CONFIG_FILE_MAX bytes) as mf_config_load_string()
 * does, naming it path in messages and origins. A file that cannot be opened is MF_ENOTFOUND
 * when it does not exist and MF_EIO otherwise, with the system's reason: "cannot open config
 * file 'mf.ini': No such file or directory".
 */
int mf_config_load_file(mf_config *cfg, const char *path, mf_error *err);

/*
 * Loads INI text: `key = value` lines under `[section]` headers; whole-line comments start
 * with ';' or '#', inline comments with " ;"; whitespace around names and values is dropped.
 * Errors (MF_ECONFIG, the first by line wins, cfg unchanged): a malformed line, an unknown
 * section, an unknown key, a key outside any section, a key set twice, an indented
 * continuation line, a line longer than the parser's buffer, a NUL byte, an invalid value.
 * source names the text in messages and origins ("mf.ini" gives "mf.ini:7"); it is copied.
 */
int mf_config_load_string(mf_config *cfg, const char *text, const char *source, mf_error *err);

/*
 * Looks up an environment variable: returns its value, or NULL when it is not set. Borrowed:
 * the result must stay valid until mf_config_load_env() returns.
 */
typedef const char *(*mf_config_env_fn)(const char *name, void *ctx);

/* The process environment (getenv()); ctx is ignored. The only reader of the environment. */
const char *mf_config_env_process(const char *name, void *ctx);

/* Looks name up in ctx, a NULL-terminated `char *[]` of "NAME=value" strings (as envp). */
const char *mf_config_env_envp(const char *name, void *ctx);

/*
 * Loads MF_<SECTION>_<KEY> for every key through lookup(name, ctx). A variable that is set,
 * even to "", sets its key; other variables (MF_ or not) are ignored. MF_ECONFIG on the first
 * invalid value ("invalid value 'x' for MF_LOG_LEVEL: ..."), cfg unchanged.
 */
int mf_config_load_env(mf_config *cfg, mf_config_env_fn lookup, void *ctx, mf_error *err);

/*
 * Sets key name ("log.level") to value, recording source (a flag such as "--log-level"; may
 * be NULL; copied) as its origin. MF_ECONFIG for an unknown key ("unknown config key
 * 'log.levle' in --set") or an invalid value ("invalid value 'x' for --log-level: ..."),
 * cfg unchanged.
 */
int mf_config_set(mf_config *cfg, const char *name, const char *value, const char *source,
                  mf_error *err);

/*
 * The canonical text of key name's effective value (any type), or NULL when there is no such
 * key. Borrowed: valid until the key is next set or cfg is freed.
 */
const char *mf_config_get_string(const mf_config *cfg, const char *name);

/*
 * Typed getters: *out receives the value of key name. MF_ENOTFOUND when there is no such key,
 * MF_EINVAL when the key has another type ("config key 'store.url' is a string, not an
 * integer"). *out is written only on success. mf_config_get_enum() gives the 0-based index
 * of the value among the choices.
 */
int mf_config_get_int(const mf_config *cfg, const char *name, int64_t *out, mf_error *err);
int mf_config_get_bool(const mf_config *cfg, const char *name, bool *out, mf_error *err);
int mf_config_get_enum(const mf_config *cfg, const char *name, int *out, mf_error *err);
int mf_config_get_log_level(const mf_config *cfg, const char *name, mf_log_level *out,
                            mf_error *err);

/* Number of keys, for iteration with mf_config_entry_at(). */
size_t mf_config_count(const mf_config *cfg);

/*
 * Fills *out with key index (0 .. count - 1, table order): name, environment variable, type,
 * value, default, doc and origin. MF_ERANGE past the end. Borrowed: the strings are valid
 * until that key is next set or cfg is freed.
 */
int mf_config_entry_at(const mf_config *cfg, size_t index, mf_config_entry *out, mf_error *err);

/* As mf_config_entry_at() for key name; MF_ENOTFOUND ("unknown config key 'x'") otherwise. */
int mf_config_find(const mf_config *cfg, const char *name, mf_config_entry *out, mf_error *err);

/*
 * Writes a short description of origin into buf (size bytes, truncated, always NUL-terminated)
 * and returns buf: "default", "mf.ini:7", "env MF_LOG_LEVEL", "flag --log-level" ("flag"
 * without a label).
 */
char *mf_config_origin_format(const mf_config_origin *origin, char *buf, size_t size);

#endif
