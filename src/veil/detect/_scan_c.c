/*
 * veil.detect._scan_c: compiled candidate loops for the rule recognizers.
 *
 * Optional. Every function here has a reference in Python (the regexes named in
 * each comment); the package uses that reference when this module is not built,
 * and tests/detect/test_scan_c.py checks, with hypothesis, that both give the same
 * results. The speed-up is per candidate: the regex engine creates a Match object
 * and returns to the interpreter for every capitalized word or digit group, most of
 * which are rejected at once; here the rejection is a few byte tests.
 *
 * Inputs are bytes (skeletons), ASCII str (person runs) or str of Latin-1 characters
 * (the other text scans; a wider str raises ValueError and the caller runs the
 * regex): offsets are byte offsets and equal the text's. Every loop is linear in the
 * text (each candidate costs a bounded look around it), as the adversarial-input
 * tests of the recognizers require.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* ------------------------------------------------------------------ facts */

#define REGION_PAD_DEFAULT 48

static inline int is_0a(unsigned char c) { return c == '0' || c == 'A'; }

/* One match of _LONG_DIGITS at p (sk[p] == sk[p+1] == '0'), as in
 *   00(?:(?:[ \-/]?0){4}|0\.000|00\.00\.000|\.00\.00|0\) ?000)
 * returns the end, or -1. */
static Py_ssize_t long_digits_at(const unsigned char *s, Py_ssize_t n, Py_ssize_t p)
{
    Py_ssize_t q = p + 2, k;
    int i;
    /* (?:[ \-/]?0){4} */
    k = q;
    for (i = 0; i < 4; i++) {
        if (k < n && (s[k] == ' ' || s[k] == '-' || s[k] == '/') && k + 1 < n && s[k + 1] == '0')
            k += 2;
        else if (k < n && s[k] == '0')
            k += 1;
        else
            break;
    }
    if (i == 4)
        return k;
    /* 0\.000 */
    if (q + 5 <= n && memcmp(s + q, "0.000", 5) == 0)
        return q + 5;
    /* 00\.00\.000 */
    if (q + 9 <= n && memcmp(s + q, "00.00.000", 9) == 0)
        return q + 9;
    /* \.00\.00 */
    if (q + 6 <= n && memcmp(s + q, ".00.00", 6) == 0)
        return q + 6;
    /* 0\) ?000 */
    if (q + 2 <= n && s[q] == '0' && s[q + 1] == ')') {
        k = q + 2;
        if (k + 4 <= n && s[k] == ' ' && memcmp(s + k + 1, "000", 3) == 0)
            return k + 4;
        if (k + 3 <= n && memcmp(s + k, "000", 3) == 0)
            return k + 3;
    }
    return -1;
}

/* Appends the pair (a, b) to the list out; -1 on error. */
static int append_pair(PyObject *out, Py_ssize_t a, Py_ssize_t b)
{
    PyObject *t = Py_BuildValue("(nn)", a, b);
    if (t == NULL)
        return -1;
    int r = PyList_Append(out, t);
    Py_DECREF(t);
    return r;
}

static const char ISO_STAMP[] = "0000-00-00A";

/* Calls ``into(s, n, arg, out)`` on the bytes of ``obj`` and a new list ``out``. */
typedef int (*into_list)(const unsigned char *s, Py_ssize_t n, Py_ssize_t arg, PyObject *out);

static PyObject *to_list(PyObject *obj, Py_ssize_t arg, into_list into)
{
    Py_buffer buf;
    if (PyObject_GetBuffer(obj, &buf, PyBUF_SIMPLE) < 0)
        return NULL;
    PyObject *out = PyList_New(0);
    if (out != NULL && into(buf.buf, buf.len, arg, out) < 0)
        Py_CLEAR(out);
    PyBuffer_Release(&buf);
    return out;
}

/* Facts.regions: windows around the _LONG_DIGITS hits (log timestamps excepted),
 * padded by ``pad`` and merged. */
static int regions_into(const unsigned char *s, Py_ssize_t n, Py_ssize_t pad, PyObject *out)
{
    Py_ssize_t p = 0, lo = -1, hi = -1;
    while (p + 1 < n) {
        const unsigned char *z = memchr(s + p, '0', (size_t)(n - 1 - p));
        if (z == NULL)
            break;
        p = z - s;
        if (s[p + 1] != '0') {
            p += 1;
            continue;
        }
        Py_ssize_t e = long_digits_at(s, n, p);
        if (e < 0) {
            p += 1;
            continue;
        }
        int stamp = (n - p >= 11 && memcmp(s + p, ISO_STAMP, 11) == 0 && (p == 0 || !is_0a(s[p - 1])));
        if (!stamp) {
            Py_ssize_t a = p - pad < 0 ? 0 : p - pad;
            Py_ssize_t b = e + pad > n ? n : e + pad;
            if (lo >= 0 && a <= hi) {
                hi = b;
            }
            else {
                if (lo >= 0 && append_pair(out, lo, hi) < 0)
                    return -1;
                lo = a;
                hi = b;
            }
        }
        p = e;
    }
    if (lo >= 0 && append_pair(out, lo, hi) < 0)
        return -1;
    return 0;
}

static PyObject *long_digit_regions(PyObject *self, PyObject *args)
{
    PyObject *sk;
    Py_ssize_t pad = REGION_PAD_DEFAULT;
    if (!PyArg_ParseTuple(args, "O|n", &sk, &pad))
        return NULL;
    return to_list(sk, pad, regions_into);
}

/* Facts.tokens: _TOKEN = 00(?<!000)[0A]*+(?:-[0A]++)*+(?<=[0A\-]{4})(?![/.,:]0),
 * each start moved back over [0A]. */
static int tokens_into(const unsigned char *s, Py_ssize_t n, Py_ssize_t unused, PyObject *out)
{
    Py_ssize_t p = 0;
    (void)unused;
    while (p + 1 < n) {
        const unsigned char *z = memchr(s + p, '0', (size_t)(n - 1 - p));
        if (z == NULL)
            break;
        p = z - s;
        if (s[p + 1] != '0' || (p > 0 && s[p - 1] == '0')) {
            p += 1;
            continue;
        }
        Py_ssize_t e = p + 2;
        while (e < n && is_0a(s[e]))
            e++;
        while (e + 1 < n && s[e] == '-' && is_0a(s[e + 1])) {
            e += 2;
            while (e < n && is_0a(s[e]))
                e++;
        }
        int ok = e >= 4;
        for (Py_ssize_t i = e - 4; ok && i < e; i++)
            ok = is_0a(s[i]) || s[i] == '-';
        if (ok && e + 1 < n && s[e + 1] == '0' &&
            (s[e] == '/' || s[e] == '.' || s[e] == ',' || s[e] == ':'))
            ok = 0;
        if (!ok) {
            /* every later start up to e reaches the same e with the same verdict (the
             * regex tries them one by one: quadratic on "A00A00...A00.0") */
            p = e;
            continue;
        }
        Py_ssize_t start = p;
        while (start > 0 && is_0a(s[start - 1]))
            start--;
        if (append_pair(out, start, e) < 0)
            return -1;
        p = e;
    }
    return 0;
}

static PyObject *tokens(PyObject *self, PyObject *sk) { return to_list(sk, 0, tokens_into); }

/* Facts.alpha_digit: _ALPHA_DIGIT = 0(?<=AAAAA0) found anywhere. */
static PyObject *alpha_digit(PyObject *self, PyObject *arg)
{
    Py_buffer buf;
    if (PyObject_GetBuffer(arg, &buf, PyBUF_SIMPLE) < 0)
        return NULL;
    const unsigned char *s = buf.buf;
    Py_ssize_t n = buf.len, p = 5;
    int found = 0;
    while (p < n) {
        const unsigned char *z = memchr(s + p, '0', (size_t)(n - p));
        if (z == NULL)
            break;
        p = z - s;
        if (memcmp(s + p - 5, "AAAAA", 5) == 0) {
            found = 1;
            break;
        }
        p += 1;
    }
    PyBuffer_Release(&buf);
    return PyBool_FromLong(found);
}

/* ---------------------------------------------------------------- network */

static inline int is_hex(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static inline int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* The bytes of a str of Latin-1 characters, else ValueError (the caller then runs
 * the regex). */
static const unsigned char *latin1(PyObject *text, Py_ssize_t *n)
{
    if (!PyUnicode_Check(text) || PyUnicode_KIND(text) != PyUnicode_1BYTE_KIND) {
        PyErr_SetString(PyExc_ValueError, "needs a str of Latin-1 characters");
        return NULL;
    }
    *n = PyUnicode_GET_LENGTH(text);
    return PyUnicode_1BYTE_DATA(text);
}

/* A run of 1..max hex digits (or decimal digits) at p followed by ``then``: the
 * greedy-then-backtrack "[class]{1,max}then" of a regex; the end after ``then``, or -1. */
static Py_ssize_t group_then(const unsigned char *s, Py_ssize_t n, Py_ssize_t p, int max,
                             int hex, unsigned char then)
{
    Py_ssize_t q = p;
    while (q < n && q - p < max && (hex ? is_hex(s[q]) : is_digit(s[q])))
        q++;
    if (q == p || q >= n || s[q] != then)
        return -1;
    return q + 1;
}

/* A literal-first finditer: at each occurrence of the byte c (not inside an earlier
 * match), ``visit(s, n, p, out)`` looks for a match at p, appends what it reports to
 * ``out`` and returns the match's length (0: no match; -1: error). */
typedef Py_ssize_t (*visit_at)(const unsigned char *s, Py_ssize_t n, Py_ssize_t p, PyObject *out);

static int each_byte(const unsigned char *s, Py_ssize_t n, unsigned char c, visit_at visit,
                     PyObject *out)
{
    Py_ssize_t p = 0;
    while (p < n) {
        const unsigned char *z = memchr(s + p, c, (size_t)(n - p));
        if (z == NULL)
            break;
        p = z - s;
        Py_ssize_t len = visit(s, n, p, out);
        if (len < 0)
            return -1;
        p += len > 0 ? len : 1;
    }
    return 0;
}

/* Appends (p, e) for a match [p, e) of ``at``; the match's length. */
static Py_ssize_t span_of(const unsigned char *s, Py_ssize_t n, Py_ssize_t p,
                          Py_ssize_t (*at)(const unsigned char *, Py_ssize_t, Py_ssize_t),
                          PyObject *out)
{
    Py_ssize_t e = at(s, n, p);
    if (e < 0)
        return 0;
    return append_pair(out, p, e) < 0 ? -1 : e - p;
}

/* network.py's _V4_TAIL: \.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3} */
static Py_ssize_t v4_at(const unsigned char *s, Py_ssize_t n, Py_ssize_t p)
{
    Py_ssize_t q = group_then(s, n, p + 1, 3, 0, '.');
    if (q >= 0)
        q = group_then(s, n, q, 3, 0, '.');
    if (q < 0)
        return -1;
    Py_ssize_t e = q;
    while (e < n && e - q < 3 && is_digit(s[e]))
        e++;
    return e == q ? -1 : e;
}

/* network.py's _V6_SEED: :(?::|H{1,4}:H{1,4}:H{1,4}:) */
static Py_ssize_t v6_at(const unsigned char *s, Py_ssize_t n, Py_ssize_t p)
{
    if (p + 1 < n && s[p + 1] == ':')
        return p + 2;
    Py_ssize_t e = group_then(s, n, p + 1, 4, 1, ':');
    if (e >= 0)
        e = group_then(s, n, e, 4, 1, ':');
    if (e >= 0)
        e = group_then(s, n, e, 4, 1, ':');
    return e;
}

static Py_ssize_t v4_visit(const unsigned char *s, Py_ssize_t n, Py_ssize_t p, PyObject *out)
{
    return span_of(s, n, p, v4_at, out);
}

static Py_ssize_t v6_visit(const unsigned char *s, Py_ssize_t n, Py_ssize_t p, PyObject *out)
{
    return span_of(s, n, p, v6_at, out);
}

static int v4_into(const unsigned char *s, Py_ssize_t n, Py_ssize_t unused, PyObject *out)
{
    (void)unused;
    return each_byte(s, n, '.', v4_visit, out);
}

static int v6_into(const unsigned char *s, Py_ssize_t n, Py_ssize_t unused, PyObject *out)
{
    (void)unused;
    return each_byte(s, n, ':', v6_visit, out);
}

/* _MAC (HH([:-])HH(?:\1HH){4}|HHHH\.HHHH\.HHHH) matching at p and ending by hi. */
static Py_ssize_t mac_at(const unsigned char *s, Py_ssize_t p, Py_ssize_t hi)
{
    if (p + 17 <= hi && is_hex(s[p]) && is_hex(s[p + 1]) && (s[p + 2] == ':' || s[p + 2] == '-')) {
        unsigned char sep = s[p + 2];
        int ok = 1;
        for (int g = 0; g < 5 && ok; g++) {
            Py_ssize_t q = p + 3 + 3 * g;
            ok = is_hex(s[q]) && is_hex(s[q + 1]) && (g == 4 || s[q + 2] == sep);
        }
        if (ok)
            return p + 17;
    }
    if (p + 14 <= hi) {
        for (int i = 0; i < 14; i++) {
            if (i == 4 || i == 9 ? s[p + i] != '.' : !is_hex(s[p + i]))
                return -1;
        }
        return p + 14;
    }
    return -1;
}

/* The seed of a MAC notation at p (s[p] == c): ":HH:HH:", "-HH-HH-" or ".HHHH."; its
 * length, or 0. */
static Py_ssize_t mac_seed(const unsigned char *s, Py_ssize_t n, Py_ssize_t p, unsigned char c)
{
    if (c == '.') {
        if (p + 6 > n || s[p + 5] != '.')
            return 0;
        for (int i = 1; i < 5; i++)
            if (!is_hex(s[p + i]))
                return 0;
        return 6;
    }
    if (p + 7 > n || s[p + 3] != c || s[p + 6] != c)
        return 0;
    return is_hex(s[p + 1]) && is_hex(s[p + 2]) && is_hex(s[p + 4]) && is_hex(s[p + 5]) ? 7 : 0;
}

/* MacAddressRecognizer._candidates of network.py: for each notation's seed (not inside
 * an earlier candidate), the first _MAC match within 14 characters around it that
 * covers the seed's start. */
static int mac_into(const unsigned char *s, Py_ssize_t n, Py_ssize_t unused, PyObject *out)
{
    static const unsigned char seps[3] = {':', '-', '.'};
    (void)unused;
    for (int k = 0; k < 3; k++) {
        unsigned char c = seps[k];
        Py_ssize_t p = 0, done = 0;
        while (p < n) {
            const unsigned char *z = memchr(s + p, c, (size_t)(n - p));
            if (z == NULL)
                break;
            p = z - s;
            Py_ssize_t len = mac_seed(s, n, p, c);
            if (len == 0) {
                p += 1;
                continue;
            }
            Py_ssize_t seed = p;
            p += len;
            if (seed < done)
                continue;
            Py_ssize_t lo = seed - 14 > done ? seed - 14 : done;
            Py_ssize_t hi = p + 14 < n ? p + 14 : n;
            for (Py_ssize_t q = lo < 0 ? 0 : lo; q < hi; q++) {
                Py_ssize_t e = mac_at(s, q, hi);
                if (e < 0)
                    continue;
                if (q <= seed && seed < e) {
                    done = e;
                    if (append_pair(out, q, e) < 0)
                        return -1;
                }
                break; /* search() stops at the first match */
            }
        }
    }
    return 0;
}

static PyObject *text_to_list(PyObject *text, into_list into)
{
    Py_ssize_t n;
    const unsigned char *s = latin1(text, &n);
    if (s == NULL)
        return NULL;
    PyObject *out = PyList_New(0);
    if (out != NULL && into(s, n, 0, out) < 0)
        Py_CLEAR(out);
    return out;
}

static PyObject *v4_tails(PyObject *self, PyObject *text) { return text_to_list(text, v4_into); }
static PyObject *v6_seeds(PyObject *self, PyObject *text) { return text_to_list(text, v6_into); }
static PyObject *mac_candidates(PyObject *self, PyObject *text)
{
    return text_to_list(text, mac_into);
}

/* ----------------------------------------------------------------- person */

static inline int is_up(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static inline int is_letter(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
static inline int is_blank(unsigned char c) { return c == ' ' || c == '\t'; }
static inline int is_joiner(unsigned char c) { return c == '\'' || c == '-'; }

/* quick_word at i: [Aa-z]+(?:['-][Aa-z]+)*, the end or -1 */
static Py_ssize_t word_end(const unsigned char *s, Py_ssize_t n, Py_ssize_t i)
{
    if (i >= n || !is_letter(s[i]))
        return -1;
    while (i < n && is_letter(s[i]))
        i++;
    while (i + 1 < n && is_joiner(s[i]) && is_letter(s[i + 1])) {
        i += 1;
        while (i < n && is_letter(s[i]))
            i++;
    }
    return i;
}

/* token at i (s[i] upper case): U(?:\.(?:U\.){0,max}(?=[ \t]U)|quick_word|'(?=U)word),
 * the end or -1 */
static Py_ssize_t token_end(const unsigned char *s, Py_ssize_t n, Py_ssize_t i, Py_ssize_t max)
{
    Py_ssize_t j = i + 1;
    if (j < n && s[j] == '.') {
        Py_ssize_t k = j + 1, reps = 0;
        while (reps < max && k + 1 < n && is_up(s[k]) && s[k + 1] == '.') {
            k += 2;
            reps++;
        }
        if (k + 1 < n && is_blank(s[k]) && is_up(s[k + 1]))
            return k;
        return -1; /* no letter at j for the quick word */
    }
    Py_ssize_t w = word_end(s, n, j);
    if (w < 0 && j + 1 < n && s[j] == '\'' && is_up(s[j + 1]))
        w = word_end(s, n, j + 1); /* "O'Connor" */
    return w;
}

/* The end of the person run starting at i (s[i] upper case), or -1: the regex
 * _SCAN_ASCII of person.py on the text itself (see _run_body there). */
static Py_ssize_t run_end(const unsigned char *s, Py_ssize_t n, Py_ssize_t i,
                          const char *const *parts, const Py_ssize_t *plen, Py_ssize_t np)
{
    Py_ssize_t e = token_end(s, n, i, 6);
    if (e < 0)
        return -1;
    for (;;) {
        if (!(e + 1 < n && is_blank(s[e])))
            return e;
        unsigned char c = s[e + 1];
        if (is_up(c)) {
            Py_ssize_t t = token_end(s, n, e + 1, PY_SSIZE_T_MAX);
            if (t >= 0) {
                e = t;
                continue;
            }
            if (e + 3 < n && is_blank(s[e + 2]) && is_up(s[e + 3])) {
                e += 2; /* a lone capital: "Shane M Culp" */
                continue;
            }
            return e;
        }
        if (c >= 'a' && c <= 'z') {
            /* a particle is a short lowercase word followed by a blank and a capital */
            Py_ssize_t a = e + 1, L = 1;
            while (a + L < n && s[a + L] >= 'a' && s[a + L] <= 'z')
                L++;
            if (a + L + 1 < n && is_blank(s[a + L]) && is_up(s[a + L + 1])) {
                for (Py_ssize_t k = 0; k < np; k++) {
                    if (plen[k] == L && memcmp(s + a, parts[k], (size_t)L) == 0) {
                        e = a + L;
                        break;
                    }
                }
                if (e == a + L)
                    continue;
            }
        }
        return e;
    }
}

#define MAX_WORDS 256

/* The ASCII strs of a tuple as (pointer, length) pairs; non-ASCII items are left out
 * (they never equal a slice of an ASCII text). Returns the count, or -1. */
static Py_ssize_t ascii_words(PyObject *tuple, const char **ptrs, Py_ssize_t *lens)
{
    Py_ssize_t m = 0, count = PyTuple_GET_SIZE(tuple);
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *w = PyTuple_GET_ITEM(tuple, k);
        if (!PyUnicode_Check(w)) {
            PyErr_SetString(PyExc_TypeError, "word lists must hold str");
            return -1;
        }
        if (!PyUnicode_IS_ASCII(w))
            continue;
        if (m == MAX_WORDS) {
            PyErr_SetString(PyExc_ValueError, "word list too long");
            return -1;
        }
        ptrs[m] = (const char *)PyUnicode_1BYTE_DATA(w);
        lens[m++] = PyUnicode_GET_LENGTH(w);
    }
    return m;
}

/* Whether ``s[a:a+len]`` (lowercased if ``lower``) is one of the words. */
static int one_of(const unsigned char *s, Py_ssize_t a, Py_ssize_t len, const char *const *ptrs,
                  const Py_ssize_t *lens, Py_ssize_t m, int lower)
{
    for (Py_ssize_t k = 0; k < m; k++) {
        if (lens[k] != len)
            continue;
        Py_ssize_t i = 0;
        for (; i < len; i++) {
            unsigned char c = s[a + i];
            if (lower && c >= 'A' && c <= 'Z')
                c += 32;
            if (c != (unsigned char)ptrs[k][i])
                break;
        }
        if (i == len)
            return 1;
    }
    return 0;
}

/* A word list held as (pointer, length) pairs into the tuple's ASCII strs. */
typedef struct {
    const char *ptr[MAX_WORDS];
    Py_ssize_t len[MAX_WORDS];
    Py_ssize_t count;
} WordList;

/* PersonScanner(singles, skip, unknown, particles, tails, particle_ends, title_ends)
 *
 * .runs(text) -> [(start, end, run, kind)]: the runs of capitalized tokens of the
 * ASCII str ``text`` (person.py's _SCAN_ASCII over the case skeleton, same offsets),
 * with ``kind = singles.get(run, unknown)``, leaving out the runs whose kind equals
 * ``skip``, and the one-token runs of kind ``unknown`` that person.py drops at once:
 * all capitals ("WARN"), or no possible intro before them (the cheap part of its
 * _maybe_intro: a blank or a newline before; after a blank, one of ``tails``
 * (lowercased, 3 characters) or ``particle_ends`` (4 characters) ending there, or a
 * dot that may end a title: one of ``title_ends`` (2 characters) or a one-letter
 * title (1 character) right before it). Only runs that person.py would drop are left
 * out: it checks the others in full. The word lists are read once, here. */
typedef struct {
    PyObject_HEAD
    PyObject *singles, *skip, *unknown, *lists; /* lists: the tuples, kept alive */
    WordList particles, tails, pends, tends;
} PersonScanner;

static int words_init(PyObject *tuple, WordList *w)
{
    Py_ssize_t m = ascii_words(tuple, w->ptr, w->len);
    w->count = m;
    return m < 0 ? -1 : 0;
}

static int PersonScanner_init(PersonScanner *self, PyObject *args, PyObject *kwds)
{
    PyObject *singles, *skip, *unknown, *particles, *tails, *pends, *tends;
    if (kwds != NULL && PyDict_GET_SIZE(kwds)) {
        PyErr_SetString(PyExc_TypeError, "PersonScanner takes positional arguments only");
        return -1;
    }
    if (!PyArg_ParseTuple(args, "O!OOO!O!O!O!", &PyDict_Type, &singles, &skip, &unknown,
                          &PyTuple_Type, &particles, &PyTuple_Type, &tails, &PyTuple_Type,
                          &pends, &PyTuple_Type, &tends))
        return -1;
    PyObject *lists = PyTuple_Pack(4, particles, tails, pends, tends);
    if (lists == NULL)
        return -1;
    if (words_init(particles, &self->particles) < 0 || words_init(tails, &self->tails) < 0 ||
        words_init(pends, &self->pends) < 0 || words_init(tends, &self->tends) < 0) {
        Py_DECREF(lists);
        return -1;
    }
    Py_INCREF(singles);
    Py_INCREF(skip);
    Py_INCREF(unknown);
    Py_XSETREF(self->singles, singles);
    Py_XSETREF(self->skip, skip);
    Py_XSETREF(self->unknown, unknown);
    Py_XSETREF(self->lists, lists);
    return 0;
}

static void PersonScanner_dealloc(PersonScanner *self)
{
    Py_XDECREF(self->singles);
    Py_XDECREF(self->skip);
    Py_XDECREF(self->unknown);
    Py_XDECREF(self->lists);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *PersonScanner_runs(PersonScanner *self, PyObject *text)
{
    if (self->singles == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "PersonScanner not initialized");
        return NULL;
    }
    if (!PyUnicode_Check(text) || !PyUnicode_IS_ASCII(text)) {
        PyErr_SetString(PyExc_ValueError, "PersonScanner.runs needs an ASCII str");
        return NULL;
    }
    PyObject *singles = self->singles, *skip = self->skip, *unknown = self->unknown;
    const char *const *parts = self->particles.ptr;
    const Py_ssize_t *plen = self->particles.len;
    Py_ssize_t np = self->particles.count;
    const char **tw = self->tails.ptr, **pw = self->pends.ptr, **ew = self->tends.ptr;
    const Py_ssize_t *tlen = self->tails.len, *pwlen = self->pends.len, *ewlen = self->tends.len;
    Py_ssize_t nt = self->tails.count, npe = self->pends.count, ne = self->tends.count;
    const unsigned char *s = PyUnicode_1BYTE_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), p = 0;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    while (p < n) {
        while (p < n && !is_up(s[p]))
            p++;
        if (p >= n)
            break;
        Py_ssize_t e = run_end(s, n, p, parts, plen, np);
        if (e < 0) {
            p += 1;
            continue;
        }
        int single = 1, lower = 0, dot = 0;
        for (Py_ssize_t i = p; i < e; i++) {
            unsigned char c = s[i];
            if (is_blank(c))
                single = 0;
            else if (c >= 'a' && c <= 'z')
                lower = 1;
            else if (c == '.')
                dot = 1;
        }
        PyObject *run = PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, s + p, e - p);
        if (run == NULL)
            goto fail;
        PyObject *kind = PyDict_GetItemWithError(singles, run); /* borrowed */
        if (kind == NULL && !PyErr_Occurred() && single && e - p > 3 && s[p + 1] == '\'') {
            /* "O'Neill": a one-word run with an elision is what the word after it is */
            PyObject *tail = PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, s + p + 2, e - p - 2);
            if (tail == NULL) {
                Py_DECREF(run);
                goto fail;
            }
            kind = PyDict_GetItemWithError(singles, tail); /* borrowed: the dict keeps it */
            Py_DECREF(tail);
        }
        if (kind == NULL) {
            if (PyErr_Occurred()) {
                Py_DECREF(run);
                goto fail;
            }
            kind = unknown;
        }
        int is_skip = kind == skip ? 1 : PyObject_RichCompareBool(kind, skip, Py_EQ);
        if (is_skip < 0) {
            Py_DECREF(run);
            goto fail;
        }
        if (!is_skip && single && (kind == unknown || PyObject_RichCompareBool(kind, unknown, Py_EQ) == 1)) {
            /* one unknown token: person.py keeps it only after an intro */
            if (!lower && !dot)
                is_skip = 1; /* all capitals: "WARN", "CBC" */
            else if (p < 2)
                is_skip = 1;
            else if (s[p - 1] == ' ') {
                is_skip = !((s[p - 2] == '.' &&
                             (p < 4 || one_of(s, p - 4, 2, ew, ewlen, ne, 0) ||
                              one_of(s, p - 3, 1, ew, ewlen, ne, 0))) ||
                            (p >= 3 && one_of(s, p - 3, 3, tw, tlen, nt, 1)) ||
                            (p >= 4 && one_of(s, p - 4, 4, pw, pwlen, npe, 0)));
            }
            else if (s[p - 1] != '\n')
                is_skip = 1;
        }
        if (!is_skip) {
            PyObject *t = Py_BuildValue("(nnNO)", p, e, run, kind);
            if (t == NULL || PyList_Append(out, t) < 0) {
                Py_XDECREF(t);
                goto fail;
            }
            Py_DECREF(t);
        }
        else {
            Py_DECREF(run);
        }
        p = e;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* --------------------------------------------------------------- literals */

/* Literals(needles): .first(text) -> tuple of text.find(needle) for every needle, from
 * one pass over the text instead of one per needle (str.find costs about 1 us per KB
 * and needle on prose). Each needle is anchored at its rarest pair of adjacent bytes
 * (by English letter frequencies), and the pass tests each pair of the text against a
 * bitmap of the anchors: a few instructions per byte, and a closer look only where
 * an anchor occurs. Needles are ASCII strs of at least two characters; the text is a
 * str whose characters fit in one byte (Latin-1), else ValueError (the caller then
 * uses str.find). */

/* Rough frequency per 1000 characters of lowercase English prose. */
static int char_weight(unsigned char c)
{
    static const char letters[] = "etaoinshrdlcumwfgypbvkjxqz";
    static const short per_mille[] = {100, 75, 65, 62, 57, 56, 52, 50, 45, 32, 33, 23, 22,
                                      20, 16, 18, 16, 14, 16, 12, 8, 6, 1, 2, 1, 1};
    if (c == ' ')
        return 180;
    if (c == '\n' || c == ',' || c == '.')
        return 10;
    if (c >= '0' && c <= '9')
        return 5;
    const char *at = c ? strchr(letters, c) : NULL;
    return at != NULL ? per_mille[at - letters] : 1;
}

typedef struct {
    PyObject_HEAD
    PyObject *needles; /* the tuple, kept alive: the pointers below point into it */
    Py_ssize_t count;
    const unsigned char **ptr;
    Py_ssize_t *len;
    Py_ssize_t *anchor;         /* offset of the needle's anchor pair */
    unsigned *key;              /* the anchor pair, a | b << 8 */
    Py_ssize_t *order;          /* needle indices sorted by key */
    unsigned short *head;       /* head[key]: 1 + first position in order, 0 if none */
    unsigned char *hit;         /* hit[key] (65,536 bytes): some needle has this anchor */
} Literals;

static void Literals_dealloc(Literals *self)
{
    PyMem_Free(self->ptr);
    PyMem_Free(self->len);
    PyMem_Free(self->anchor);
    PyMem_Free(self->key);
    PyMem_Free(self->order);
    PyMem_Free(self->head);
    PyMem_Free(self->hit);
    Py_XDECREF(self->needles);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int Literals_init(Literals *self, PyObject *args, PyObject *kwds)
{
    PyObject *needles;
    if ((kwds != NULL && PyDict_GET_SIZE(kwds)) ||
        !PyArg_ParseTuple(args, "O!", &PyTuple_Type, &needles)) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "Literals(needles: tuple[str, ...])");
        return -1;
    }
    if (self->needles != NULL) {
        PyErr_SetString(PyExc_TypeError, "Literals is already initialized");
        return -1;
    }
    Py_ssize_t m = PyTuple_GET_SIZE(needles);
    size_t cells = (size_t)(m ? m : 1);
    self->ptr = PyMem_Calloc(cells, sizeof(*self->ptr));
    self->len = PyMem_Calloc(cells, sizeof(*self->len));
    self->anchor = PyMem_Calloc(cells, sizeof(*self->anchor));
    self->key = PyMem_Calloc(cells, sizeof(*self->key));
    self->order = PyMem_Calloc(cells, sizeof(*self->order));
    self->head = PyMem_Calloc(65536, sizeof(*self->head));
    self->hit = PyMem_Calloc(65536, 1);
    if (self->hit == NULL || self->ptr == NULL || self->len == NULL || self->anchor == NULL || self->key == NULL ||
        self->order == NULL || self->head == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t k = 0; k < m; k++) {
        PyObject *w = PyTuple_GET_ITEM(needles, k);
        if (!PyUnicode_Check(w) || !PyUnicode_IS_ASCII(w) || PyUnicode_GET_LENGTH(w) < 2) {
            PyErr_SetString(PyExc_ValueError, "needles must be ASCII strs of 2+ characters");
            return -1;
        }
        const unsigned char *p = PyUnicode_1BYTE_DATA(w);
        Py_ssize_t L = PyUnicode_GET_LENGTH(w), best = 0;
        long best_cost = -1;
        for (Py_ssize_t o = 0; o + 1 < L; o++) {
            long cost = (long)char_weight(p[o]) * char_weight(p[o + 1]);
            if (best_cost < 0 || cost < best_cost) {
                best_cost = cost;
                best = o;
            }
        }
        self->ptr[k] = p;
        self->len[k] = L;
        self->anchor[k] = best;
        self->key[k] = p[best] | (unsigned)p[best + 1] << 8;
        self->hit[self->key[k]] = 1;
    }
    if (m >= 65535) {
        PyErr_SetString(PyExc_ValueError, "too many needles");
        return -1;
    }
    /* order: the needles by anchor key (insertion sort: a few dozen needles) */
    for (Py_ssize_t k = 0; k < m; k++) {
        Py_ssize_t j = k;
        while (j > 0 && self->key[self->order[j - 1]] > self->key[k]) {
            self->order[j] = self->order[j - 1];
            j--;
        }
        self->order[j] = k;
    }
    for (Py_ssize_t j = m - 1; j >= 0; j--)
        self->head[self->key[self->order[j]]] = (unsigned short)(j + 1);
    self->count = m;
    Py_INCREF(needles);
    self->needles = needles;
    return 0;
}

/* The needles anchored at the pair ``key`` found at i, not found before: their
 * positions go to ``at``; returns how many. */
static Py_ssize_t literals_at(const Literals *self, const unsigned char *s, Py_ssize_t n,
                              Py_ssize_t i, unsigned key, Py_ssize_t *at)
{
    Py_ssize_t found = 0, m = self->count;
    for (Py_ssize_t j = self->head[key] - 1; j < m && self->key[self->order[j]] == key; j++) {
        Py_ssize_t k = self->order[j];
        if (at[k] >= 0)
            continue;
        Py_ssize_t start = i - self->anchor[k], L = self->len[k];
        if (start >= 0 && start + L <= n && memcmp(s + start, self->ptr[k], (size_t)L) == 0) {
            at[k] = start;
            found++;
        }
    }
    return found;
}

static PyObject *Literals_first(Literals *self, PyObject *text)
{
    if (self->needles == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Literals not initialized");
        return NULL;
    }
    Py_ssize_t n, m = self->count, left = m;
    const unsigned char *s = latin1(text, &n);
    if (s == NULL)
        return NULL;
    PyObject *out = PyTuple_New(m);
    if (out == NULL)
        return NULL;
    Py_ssize_t small[64], *at = m <= 64 ? small : PyMem_Malloc((size_t)m * sizeof(Py_ssize_t));
    if (at == NULL) {
        Py_DECREF(out);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t k = 0; k < m; k++)
        at[k] = -1;
    const unsigned char *hit = self->hit;
    const unsigned char *p = s, *last = s + n - 1; /* pairs start at s .. s + n - 2 */
    while (p < last) {
        /* the hot loop: one table test per byte, nothing else live; four pairs per
         * round while none is an anchor (each byte loaded once) */
        while (last - p > 4) {
            unsigned b0 = p[0], b1 = p[1], b2 = p[2], b3 = p[3], b4 = p[4];
            if (hit[b0 | b1 << 8] || hit[b1 | b2 << 8] || hit[b2 | b3 << 8] || hit[b3 | b4 << 8])
                break;
            p += 4;
        }
        unsigned key = p[0] | (unsigned)p[1] << 8;
        if (!hit[key]) {
            p++;
            continue;
        }
        left -= literals_at(self, s, n, p - s, key, at);
        if (left == 0)
            break;
        p++;
    }
    for (Py_ssize_t k = 0; k < m; k++) {
        PyObject *v = PyLong_FromSsize_t(at[k]);
        if (v == NULL) {
            Py_DECREF(out);
            out = NULL;
            break;
        }
        PyTuple_SET_ITEM(out, k, v);
    }
    if (at != small)
        PyMem_Free(at);
    return out;
}

static PyMethodDef Literals_methods[] = {
    {"first", (PyCFunction)Literals_first, METH_O,
     "first(text) -> tuple[int, ...]: text.find(needle) for every needle."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject LiteralsType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "veil.detect._scan_c.Literals",
    .tp_doc = "Literals(needles): first positions of many literals in one pass.",
    .tp_basicsize = sizeof(Literals),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Literals_init,
    .tp_dealloc = (destructor)Literals_dealloc,
    .tp_methods = Literals_methods,
};

/* Calls ``visit(s, n, p, arg, out)`` at every "0" byte p of the bytes of ``obj``, with
 * a new list ``out`` to fill (visit returns -1 on error); the list. */
typedef int (*visit_zero)(const unsigned char *s, Py_ssize_t n, Py_ssize_t p, const void *arg,
                          PyObject *out);

static PyObject *each_zero(PyObject *obj, visit_zero visit, const void *arg)
{
    Py_buffer buf;
    if (PyObject_GetBuffer(obj, &buf, PyBUF_SIMPLE) < 0)
        return NULL;
    const unsigned char *s = buf.buf;
    Py_ssize_t n = buf.len, p = 0;
    PyObject *out = PyList_New(0);
    while (out != NULL && p < n) {
        const unsigned char *z = memchr(s + p, '0', (size_t)(n - p));
        if (z == NULL)
            break;
        p = z - s;
        if (visit(s, n, p, arg, out) < 0)
            Py_CLEAR(out);
        p += 1;
    }
    PyBuffer_Release(&buf);
    return out;
}

/* ------------------------------------------------------------------ dates */

static inline int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* dates.py's _PREFIX at p (sk[p] == '0'): a digit that starts a token. */
static int date_prefix(const unsigned char *s, Py_ssize_t p)
{
    if (p >= 1) {
        unsigned char c = s[p - 1];
        if (c == '0' || c == '.' || (c >= 'a' && c <= 'c') || (c >= 'g' && c <= 'z') ||
            c == 0xaa || c == 0xb5 || c == 0xba || (c >= 0xdf && c != 0xf7))
            return 0;
    }
    if (p >= 2 && s[p - 2] == '0' && (s[p - 1] == '/' || s[p - 1] == ':' || s[p - 1] == ','))
        return 0;
    if (p >= 3 && s[p - 3] == '0' && s[p - 2] == '0' && s[p - 1] == '-')
        return 0;
    return 1;
}

static inline int is_date_sep(unsigned char c) { return c == '-' || c == '/' || c == '.'; }

/* Byte strings indexed by one of their bytes: ptr[from[c]:from[c + 1]] are those
 * whose byte at ``key`` (0: the first, -2: the one before the last) is c. */
typedef struct {
    const unsigned char **ptr;
    Py_ssize_t *len;
    Py_ssize_t from[257];
} ByteIndex;

static int byte_index_init(ByteIndex *ix, PyObject *words, int key)
{
    Py_ssize_t m = PyTuple_GET_SIZE(words), counts[256] = {0}, fill[257];
    ix->ptr = PyMem_Calloc((size_t)(m ? m : 1), sizeof(*ix->ptr));
    ix->len = PyMem_Calloc((size_t)(m ? m : 1), sizeof(*ix->len));
    if (ix->ptr == NULL || ix->len == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t k = 0; k < m; k++) {
        PyObject *w = PyTuple_GET_ITEM(words, k);
        if (!PyBytes_Check(w) || PyBytes_GET_SIZE(w) < 2) {
            PyErr_SetString(PyExc_TypeError, "words must be bytes of 2+ characters");
            return -1;
        }
        Py_ssize_t L = PyBytes_GET_SIZE(w);
        counts[(unsigned char)PyBytes_AS_STRING(w)[key >= 0 ? key : L + key]]++;
    }
    ix->from[0] = 0;
    for (int c = 0; c < 256; c++)
        ix->from[c + 1] = ix->from[c] + counts[c];
    memcpy(fill, ix->from, sizeof(fill));
    for (Py_ssize_t k = 0; k < m; k++) {
        PyObject *w = PyTuple_GET_ITEM(words, k);
        Py_ssize_t L = PyBytes_GET_SIZE(w);
        Py_ssize_t at = fill[(unsigned char)PyBytes_AS_STRING(w)[key >= 0 ? key : L + key]]++;
        ix->ptr[at] = (const unsigned char *)PyBytes_AS_STRING(w);
        ix->len[at] = L;
    }
    return 0;
}

static void byte_index_free(ByteIndex *ix)
{
    PyMem_Free(ix->ptr);
    PyMem_Free(ix->len);
}

/* Whether one of the words indexed by their first byte starts at s[p]. */
static int word_at(const ByteIndex *ix, const unsigned char *s, Py_ssize_t n, Py_ssize_t p)
{
    if (p >= n)
        return 0;
    for (Py_ssize_t k = ix->from[s[p]]; k < ix->from[s[p] + 1]; k++)
        if (ix->len[k] <= n - p && memcmp(s + p, ix->ptr[k], (size_t)ix->len[k]) == 0)
            return 1;
    return 0;
}

/* A superset of the places where a date or age shape of dates.py can start at p
 * (the exact scan, _CAND*, runs only there). ``forms``: the words (and their
 * trailing ". " or " ") that may precede a month_first / age_self number, indexed by
 * the byte before their last; ``months``: the month words a day_first date names
 * after its number ("5 may", "3rd of june"), indexed by their first byte. */
typedef struct {
    PyObject_HEAD
    PyObject *words;              /* the two tuples of bytes, kept alive */
    ByteIndex forms;
    ByteIndex months;
} DateScanner;

/* After a day's number (or ordinal) and a space, ``p`` just past it: day_first needs
 * a month word, maybe after "of " or "de ", and age_old's other languages their words
 * ("jahre alt"): all in ``months`` (the age shapes' " y" is tested on its own). */
static int day_word_at(const DateScanner *sc, const unsigned char *s, Py_ssize_t n, Py_ssize_t p)
{
    if (p + 3 <= n && s[p + 2] == ' ' &&
        ((s[p] == 'o' && s[p + 1] == 'f') || (s[p] == 'd' && s[p + 1] == 'e')) &&
        word_at(&sc->months, s, n, p + 3))
        return 1;
    return word_at(&sc->months, s, n, p);
}

static int date_shape_may_start(const unsigned char *s, Py_ssize_t n, Py_ssize_t p,
                                const DateScanner *sc)
{
    /* iso: 0 000 [-/.] */
    if (p + 4 < n && s[p + 1] == '0' && s[p + 2] == '0' && s[p + 3] == '0' && is_date_sep(s[p + 4]))
        return 1;
    /* num: 0 0? [/.-] 0 0? [/.-] */
    Py_ssize_t q = p + 1;
    if (q < n && s[q] == '0')
        q++;
    if (q + 2 < n && is_date_sep(s[q]) && s[q + 1] == '0' &&
        (is_date_sep(s[q + 2]) || (s[q + 2] == '0' && q + 3 < n && is_date_sep(s[q + 3]))))
        return 1;
    /* day_first, age_old, age_yo: 0 0?+ 0?+ then " x", "y", "-y", "- y", " y", "st x"... */
    q = p + 1;
    for (int i = 0; i < 2 && q < n && s[q] == '0'; i++)
        q++;
    if (q < n) {
        unsigned char c = s[q];
        if (c == 'y')
            return 1;
        if (c == ' ' && day_word_at(sc, s, n, q + 1))
            return 1;
        if (c == '-' && q + 1 < n && (s[q + 1] == 'y' || (is_space(s[q + 1]) && q + 2 < n && s[q + 2] == 'y')))
            return 1;
        if (is_space(c) && q + 1 < n && s[q + 1] == 'y')
            return 1;
        Py_ssize_t k = -1;
        if (c == 0xba || c == '.')
            k = q + 1;
        else if (q + 1 < n && ((c == 's' && s[q + 1] == 't') || (c == 'n' && s[q + 1] == 'd') ||
                               (c == 'r' && s[q + 1] == 'd') || (c == 't' && s[q + 1] == 'h') ||
                               (c == 'e' && s[q + 1] == 'r')))
            k = q + 2;
        if (k >= 0 && k + 1 < n && s[k] == ' ' && day_word_at(sc, s, n, k + 1))
            return 1;
    }
    if (p >= 1 && s[p - 1] == ' ') {
        /* month_first, age_self: one of the words right before */
        if (p >= 2) {
            unsigned char c = s[p - 2];
            const ByteIndex *forms = &sc->forms;
            for (Py_ssize_t k = forms->from[c]; k < forms->from[c + 1]; k++) {
                Py_ssize_t L = forms->len[k];
                if (L <= p && memcmp(s + p - L, forms->ptr[k], (size_t)L) == 0)
                    return 1;
            }
        }
        /* _MORE: "age 34", "aged 34", "age of 34", "dob: 34", "is 27 now", "born in 1980" */
        if (p >= 3) {
            unsigned char a = s[p - 3], b = s[p - 2];
            if ((a == 'g' && b == 'e') || (a == 'e' && b == 'd') || (a == 'o' && b == 'f') ||
                (b == ':' && (a == 'e' || a == 'd' || a == 'f')))
                return 1;
            if (a == 'i' && b == 'n' && p >= 8 && memcmp(s + p - 8, "born in ", 8) == 0)
                return 1;
            if (a == 'i' && b == 's') { /* (?=0{0,2}+ (?:now|today|this year)) after the digit */
                Py_ssize_t r = p + 1;
                for (int i = 0; i < 2 && r < n && s[r] == '0'; i++)
                    r++;
                if ((r + 4 <= n && memcmp(s + r, " now", 4) == 0) ||
                    (r + 6 <= n && memcmp(s + r, " today", 6) == 0) ||
                    (r + 10 <= n && memcmp(s + r, " this year", 10) == 0))
                    return 1;
            }
        }
    }
    if (p >= 2) { /* _MORE: "age34", "aged34" */
        unsigned char a = s[p - 2], b = s[p - 1];
        if ((a == 'g' && b == 'e') || (a == 'e' && b == 'd') || (a == 'o' && b == 'f') ||
            (b == ':' && (a == 'e' || a == 'd' || a == 'f')))
            return 1;
    }
    return 0;
}

static void DateScanner_dealloc(DateScanner *self)
{
    byte_index_free(&self->forms);
    byte_index_free(&self->months);
    Py_XDECREF(self->words);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int DateScanner_init(DateScanner *self, PyObject *args, PyObject *kwds)
{
    PyObject *forms, *months;
    if ((kwds != NULL && PyDict_GET_SIZE(kwds)) ||
        !PyArg_ParseTuple(args, "O!O!", &PyTuple_Type, &forms, &PyTuple_Type, &months)) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError,
                            "DateScanner(forms: tuple[bytes, ...], months: tuple[bytes, ...])");
        return -1;
    }
    if (self->words != NULL) {
        PyErr_SetString(PyExc_TypeError, "DateScanner is already initialized");
        return -1;
    }
    if (byte_index_init(&self->forms, forms, -2) < 0 || byte_index_init(&self->months, months, 0) < 0)
        return -1;
    self->words = PyTuple_Pack(2, forms, months);
    return self->words == NULL ? -1 : 0;
}

/* .starts(sk) -> [int]: the digits of the lower-digit skeleton ``sk`` where dates.py's
 * candidate scan may match (a superset: the scan's regex is tried at each). */
static int date_visit(const unsigned char *s, Py_ssize_t n, Py_ssize_t p, const void *arg,
                      PyObject *out)
{
    if (!date_prefix(s, p) || !date_shape_may_start(s, n, p, arg))
        return 0;
    PyObject *v = PyLong_FromSsize_t(p);
    int r = v == NULL ? -1 : PyList_Append(out, v);
    Py_XDECREF(v);
    return r;
}

static PyObject *DateScanner_starts(DateScanner *self, PyObject *sk)
{
    if (self->words == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "DateScanner not initialized");
        return NULL;
    }
    return each_zero(sk, date_visit, self);
}

static PyMethodDef DateScanner_methods[] = {
    {"starts", (PyCFunction)DateScanner_starts, METH_O,
     "starts(sk) -> [int]: where dates.py's candidate scan may match."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject DateScannerType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "veil.detect._scan_c.DateScanner",
    .tp_doc = "DateScanner(forms, months): digits where a date shape may start (see _scan_c.c).",
    .tp_basicsize = sizeof(DateScanner),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)DateScanner_init,
    .tp_dealloc = (destructor)DateScanner_dealloc,
    .tp_methods = DateScanner_methods,
};

/* ---------------------------------------------------------------- address */

/* A letter of the shared skeleton (ASCII letters are "A") as address.py's _B_LETTER. */
static inline int is_b_letter(unsigned char c)
{
    return c == 'A' || c == 0xaa || c == 0xb5 || c == 0xba || (c >= 0xc0 && c != 0xd7 && c != 0xf7);
}

static PyObject *KIND_FIRST, *KIND_AFTER, *KIND_BOX;

/* Up to ``max`` zeros from q (a possessive 0{0,max}); the new position. */
static inline Py_ssize_t zeros(const unsigned char *s, Py_ssize_t n, Py_ssize_t q, int max)
{
    for (int i = 0; i < max && q < n && s[q] == '0'; i++)
        q++;
    return q;
}

/* address.py's _SCAN matched at p of the shared skeleton: the end and the name of the
 * branch that matched ("first", "after", "box"), or -1. */
static Py_ssize_t address_at(const unsigned char *s, Py_ssize_t n, Py_ssize_t p, PyObject **kind)
{
    if (p >= 1) {
        unsigned char c = s[p - 1];
        if (is_b_letter(c) || c == '0' || c == '_' || c == '.' || c == ',' || c == '/' ||
            c == ':' || c == '#' || c == '-')
            return -1;
    }
    /* first: 0{0,4}+A?+(?:-0++)?+,?+(?: 0{1,5}+A?+)?+ (?=[A\xc0-\xd6\xd8-\xde?]) */
    Py_ssize_t q = zeros(s, n, p + 1, 4);
    if (q < n && s[q] == 'A')
        q++;
    if (q + 1 < n && s[q] == '-' && s[q + 1] == '0') {
        q += 1;
        while (q < n && s[q] == '0')
            q++;
    }
    if (q < n && s[q] == ',')
        q++;
    if (q + 1 < n && s[q] == ' ' && s[q + 1] == '0') {
        q = zeros(s, n, q + 1, 5);
        if (q < n && s[q] == 'A')
            q++;
    }
    if (q + 1 < n && s[q] == ' ') {
        unsigned char c = s[q + 1];
        if (c == 'A' || c == '?' || (c >= 0xc0 && c <= 0xde && c != 0xd7)) {
            *kind = KIND_FIRST;
            return q + 1;
        }
    }
    if (p < 1 || s[p - 1] != ' ')
        return -1;
    /* after: a letter (and "." or ",") and a space before, then
     * 0{0,4}+A?+(?:[-/]0{1,3}+A?+)?+(?![letter0_%\xb0]|[.:/,-]0) */
    if (p >= 2 && (is_b_letter(s[p - 2]) || s[p - 2] == '?' ||
                   (p >= 3 && (s[p - 2] == '.' || s[p - 2] == ',') &&
                    (is_b_letter(s[p - 3]) || s[p - 3] == '?')))) {
        q = zeros(s, n, p + 1, 4);
        if (q < n && s[q] == 'A')
            q++;
        if (q + 1 < n && (s[q] == '-' || s[q] == '/') && s[q + 1] == '0') {
            q = zeros(s, n, q + 1, 3);
            if (q < n && s[q] == 'A')
                q++;
        }
        int blocked = 0;
        if (q < n) {
            unsigned char c = s[q];
            blocked = is_b_letter(c) || c == '0' || c == '_' || c == '%' || c == 0xb0 ||
                      ((c == '.' || c == ':' || c == '/' || c == ',' || c == '-') && q + 1 < n &&
                       s[q + 1] == '0');
        }
        if (!blocked) {
            *kind = KIND_AFTER;
            return q;
        }
    }
    /* box: (?<=AAA 0)(?<![A0]AAA 0)|(?<=AAA AA 0) */
    if ((p >= 4 && memcmp(s + p - 4, "AAA", 3) == 0 && !(p >= 5 && (s[p - 5] == 'A' || s[p - 5] == '0'))) ||
        (p >= 7 && memcmp(s + p - 7, "AAA AA", 6) == 0)) {
        *kind = KIND_BOX;
        return p + 1;
    }
    return -1;
}

/* address_hits(sk) -> [(start, end, kind)]: every place where address.py's _SCAN
 * matches (every start, not only non-overlapping ones), in order. */
static int address_visit(const unsigned char *s, Py_ssize_t n, Py_ssize_t p, const void *arg,
                         PyObject *out)
{
    PyObject *kind = NULL;
    (void)arg;
    Py_ssize_t e = address_at(s, n, p, &kind);
    if (e < 0)
        return 0;
    PyObject *t = Py_BuildValue("(nnO)", p, e, kind);
    int r = t == NULL ? -1 : PyList_Append(out, t);
    Py_XDECREF(t);
    return r;
}

static PyObject *address_hits(PyObject *self, PyObject *sk)
{
    return each_zero(sk, address_visit, NULL);
}

/* ---------------------------------------------------------------- secrets */

/* Whether the text ends with w at i (s[i - len(w) + 1 .. i] is w). */
static inline int ends_with(const unsigned char *s, Py_ssize_t i, const char *w)
{
    Py_ssize_t L = (Py_ssize_t)strlen(w);
    return i + 1 >= L && memcmp(s + i + 1 - L, w, (size_t)L) == 0;
}

static inline int in_set(unsigned char c, const char *set) { return c && strchr(set, c) != NULL; }

typedef struct {
    const char *end, *name;
} GateEnd;

/* Literal token prefixes that end at the gate character (none is a suffix of another,
 * so their order does not matter), and the group each names. */
static const GateEnd UNDERSCORE_ENDS[] = {
    {"github_pat_", "ghpat"}, {"whsec_", "whsec"}, {"hf_", "hf"}, {"npm_", "npm"}, {NULL, NULL}};
static const GateEnd DASH_ENDS[] = {
    {"sk-", "sk"}, {"xapp-", "xapp"}, {"glpat-", "gitlab"}, {"glptt-", "glptt"}, {NULL, NULL}};

static const char *gate_end(const unsigned char *s, Py_ssize_t i, const GateEnd *ends)
{
    for (; ends->end != NULL; ends++)
        if (ends_with(s, i, ends->end))
            return ends->name;
    return NULL;
}

/* The gate group of secrets.py's "_" gate at the "_" at i, or NULL. */
static const char *gate_underscore(const unsigned char *s, Py_ssize_t i)
{
    if (i >= 3 && s[i - 3] == 'g' && s[i - 2] == 'h' && in_set(s[i - 1], "pousr"))
        return "gh";
    if (i >= 7 && in_set(s[i - 7], "rs") && ends_with(s, i, "k_live_"))
        return "stripe";
    if (i >= 7 && in_set(s[i - 7], "rs") && ends_with(s, i, "k_test_"))
        return "stripe_test";
    return gate_end(s, i, UNDERSCORE_ENDS);
}

/* The gate group of secrets.py's "-" gate at the "-" at i, or NULL. */
static const char *gate_dash(const unsigned char *s, Py_ssize_t n, Py_ssize_t i)
{
    if (i >= 1 && in_set(s[i - 1], "kabposert")) {
        const char *name = gate_end(s, i, DASH_ENDS);
        if (name != NULL)
            return name;
        if (ends_with(s, i - 2, "xox") && in_set(s[i - 1], "abposer"))
            return "slack";
        if (i >= 4 && s[i - 4] == 'g' && s[i - 3] == 'l' && in_set(s[i - 2], "dr") && s[i - 1] == 't')
            return "gldt";
    }
    if (i + 10 <= n && memcmp(s + i, "-----BEGIN", 10) == 0)
        return "pem";
    if (i >= 1 && (s[i - 1] == ' ' || s[i - 1] == '\t')) {
        if (i + 2 < n && s[i + 1] == 'u' && (s[i + 2] == ' ' || s[i + 2] == '='))
            return "curl";
        if (i + 6 < n && memcmp(s + i + 1, "-user", 5) == 0 && (s[i + 6] == ' ' || s[i + 6] == '='))
            return "curl";
    }
    return NULL;
}

/* Appends the gate group ``name`` (if any) to ``out``; the match's length. */
static Py_ssize_t gate_found(const char *name, Py_ssize_t len, PyObject *out)
{
    if (name == NULL)
        return 0;
    PyObject *v = PyUnicode_InternFromString(name);
    int r = v == NULL ? -1 : PyList_Append(out, v);
    Py_XDECREF(v);
    return r < 0 ? -1 : len;
}

static Py_ssize_t gate_underscore_visit(const unsigned char *s, Py_ssize_t n, Py_ssize_t p,
                                        PyObject *out)
{
    (void)n;
    return gate_found(gate_underscore(s, p), 1, out);
}

static Py_ssize_t gate_dash_visit(const unsigned char *s, Py_ssize_t n, Py_ssize_t p, PyObject *out)
{
    return gate_found(gate_dash(s, n, p), 1, out);
}

/* A(?:(?:KIA|SIA)(?P<aws>)|Iza(?P<google>)): four characters */
static Py_ssize_t gate_a_visit(const unsigned char *s, Py_ssize_t n, Py_ssize_t p, PyObject *out)
{
    if (p + 4 > n)
        return 0;
    if (memcmp(s + p + 1, "KIA", 3) == 0 || memcmp(s + p + 1, "SIA", 3) == 0)
        return gate_found("aws", 4, out);
    return gate_found(memcmp(s + p + 1, "Iza", 3) == 0 ? "google" : NULL, 4, out);
}

/* secret_gates(text) -> [str]: the group names of every match of secrets.py's three
 * _GATES regexes ("_", "-" and "A" first), in the order of the gates and then of the
 * text (repeats included). */
static PyObject *secret_gates(PyObject *self, PyObject *text)
{
    Py_ssize_t n;
    const unsigned char *s = latin1(text, &n);
    if (s == NULL)
        return NULL;
    PyObject *out = PyList_New(0);
    if (out != NULL && (each_byte(s, n, '_', gate_underscore_visit, out) < 0 ||
                        each_byte(s, n, '-', gate_dash_visit, out) < 0 ||
                        each_byte(s, n, 'A', gate_a_visit, out) < 0))
        Py_CLEAR(out);
    return out;
}

/* ---------------------------------------------------------------- skeleton */

/* skeleton(text, table) -> bytes: text.encode("latin-1", "replace").translate(table)
 * in one pass (every character beyond Latin-1 becomes table[ord("?")]). */
static PyObject *skeleton(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_buffer table;
    if (!PyArg_ParseTuple(args, "Uy*", &text, &table))
        return NULL;
    if (table.len != 256) {
        PyBuffer_Release(&table);
        PyErr_SetString(PyExc_ValueError, "the table must have 256 bytes");
        return NULL;
    }
    const unsigned char *t = table.buf;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *out = PyBytes_FromStringAndSize(NULL, n);
    if (out != NULL) {
        unsigned char *o = (unsigned char *)PyBytes_AS_STRING(out);
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        if (kind == PyUnicode_1BYTE_KIND) {
            const unsigned char *s = data;
            for (Py_ssize_t i = 0; i < n; i++)
                o[i] = t[s[i]];
        }
        else {
            for (Py_ssize_t i = 0; i < n; i++) {
                Py_UCS4 c = PyUnicode_READ(kind, data, i);
                o[i] = t[c < 256 ? c : '?'];
            }
        }
    }
    PyBuffer_Release(&table);
    return out;
}

/* ----------------------------------------------------------------- module */

static PyMethodDef PersonScanner_methods[] = {
    {"runs", (PyCFunction)PersonScanner_runs, METH_O,
     "runs(text) -> [(start, end, run, kind)]: the runs person.py looks at."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject PersonScannerType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "veil.detect._scan_c.PersonScanner",
    .tp_doc = "PersonScanner(singles, skip, unknown, particles, tails, particle_ends, "
              "title_ends): the capitalized runs of ASCII texts (see _scan_c.c).",
    .tp_basicsize = sizeof(PersonScanner),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)PersonScanner_init,
    .tp_dealloc = (destructor)PersonScanner_dealloc,
    .tp_methods = PersonScanner_methods,
};

static PyMethodDef methods[] = {
    {"long_digit_regions", long_digit_regions, METH_VARARGS,
     "long_digit_regions(sk, pad=48) -> [(lo, hi)]: Facts.regions of a skeleton."},
    {"tokens", tokens, METH_O, "tokens(sk) -> [(start, end)]: Facts.tokens of a skeleton."},
    {"alpha_digit", alpha_digit, METH_O, "alpha_digit(sk) -> bool: Facts.alpha_digit."},
    {"skeleton", skeleton, METH_VARARGS,
     "skeleton(text, table) -> bytes: text.encode('latin-1', 'replace').translate(table)."},
    {"secret_gates", secret_gates, METH_O,
     "secret_gates(text) -> [str]: the group names of secrets.py's _GATES matches."},
    {"address_hits", address_hits, METH_O,
     "address_hits(sk) -> [(start, end, kind)]: every match of address.py's _SCAN."},
    {"v4_tails", v4_tails, METH_O, "v4_tails(text) -> [(start, end)]: network._V4_TAIL matches."},
    {"v6_seeds", v6_seeds, METH_O, "v6_seeds(text) -> [(start, end)]: network._V6_SEED matches."},
    {"mac_candidates", mac_candidates, METH_O,
     "mac_candidates(text) -> [(start, end)]: MacAddressRecognizer._candidates."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "veil.detect._scan_c",
    "Compiled candidate loops of veil.detect (optional; Python reference in _scan.py and person.py).",
    -1, methods,
};

PyMODINIT_FUNC PyInit__scan_c(void)
{
    KIND_FIRST = PyUnicode_InternFromString("first");
    KIND_AFTER = PyUnicode_InternFromString("after");
    KIND_BOX = PyUnicode_InternFromString("box");
    if (KIND_FIRST == NULL || KIND_AFTER == NULL || KIND_BOX == NULL)
        return NULL;
    if (PyType_Ready(&PersonScannerType) < 0 || PyType_Ready(&LiteralsType) < 0 ||
        PyType_Ready(&DateScannerType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&moduledef);
    if (m == NULL)
        return NULL;
    if (PyModule_AddObjectRef(m, "PersonScanner", (PyObject *)&PersonScannerType) < 0 ||
        PyModule_AddObjectRef(m, "Literals", (PyObject *)&LiteralsType) < 0 ||
        PyModule_AddObjectRef(m, "DateScanner", (PyObject *)&DateScannerType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
