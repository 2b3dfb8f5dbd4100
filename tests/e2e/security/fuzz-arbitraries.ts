// fast-check arbitraries for hostile input (issue 7, item 2): huge, empty and exotic strings,
// injection payloads, numbers that are not quite numbers, impossible dates, wrong types, and form
// fields that are missing, repeated or files. Most generated inputs are "almost valid": a valid
// value for every field but one or two hostile ones, so the input reaches the deep validation and
// the service instead of stopping at the first check.
import fc from "fast-check";

// ---------------------------------------------------------------------------------------------
// Scalars

/** Strings of 100 KB and more (in UTF-16 code units), of a few shapes. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("x", "煤", "😀", "<script>", "'", "\u0000", "a\u0301", " ", "\n"),
    fc.integer({ min: 0, max: 20_000 }),
  )
  .map(([unit, extra]) => unit.repeat(Math.ceil((100_001 + extra) / unit.length)));

export const SQL_INJECTION = [
  '\'; DROP TABLE "Mine"; --',
  "1 OR 1=1",
  "' OR '1'='1",
  "1; SELECT pg_sleep(5)",
  "%' OR 1=1 --",
  "\\'; DELETE FROM \"AuditLog\" WHERE ''='",
  '1\' UNION SELECT email, "passwordHash" FROM "User" --',
] as const;

export const HTML_INJECTION = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "<svg/onload=alert(1)>",
  "{{7*7}}${7*7}<%= 7*7 %>",
  "</textarea><script>alert(document.cookie)</script>",
] as const;

export const UNICODE_STRINGS = [
  "😀🏳️‍🌈👨‍👩‍👧‍👦",
  "\u202Eevil\u202C.csv",
  "مرحبا بالعالم",
  "שלום",
  "e\u0301\u0301\u0301\u0301\u0301",
  "\uFEFF",
  "\u200B\u200C\u200D",
  "𝕳𝖊𝖑𝖑𝖔",
  "大同示范煤矿",
  "\u0000",
  "a\u0000b",
  "\u0001\u0002\u001F\u007F",
  "\r\n\r\n",
  "\uFFFD\uFFFF",
] as const;

export const BLANK_STRINGS = ["", " ", "   ", "\t", "\n", "\u3000", "\u00A0"] as const;

/** Numbers written as text, none of them quite right for a score, a count or an id. */
export const NUMBERISH = [
  "-1",
  "-0",
  "0",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "-1e309",
  "1e-400",
  "12abc",
  "0x10",
  "1_000",
  "1,5",
  "1.5",
  "85.123456",
  "100.01",
  "101",
  "2147483647",
  "2147483648",
  "-2147483649",
  "9007199254740993",
  "99999999999999999999",
  "1e20",
  " 7 ",
  "+5",
  "０１２",
  "٣",
] as const;

export const DATEISH = [
  "2020-02-30",
  "2021-02-29",
  "0000-00-00",
  "0000-01-01",
  "9999-12-31",
  "2026-13-01",
  "2020-00-10",
  "2020-01-32",
  "2020-1-1",
  "20200101",
  "2020/01/05",
  "2020年1月5日",
  "1899-12-31",
  "+002020-01-01",
  "2020-01-01T00:00:00Z",
  "today",
  "1e309",
] as const;

/** Text that is not a JSON number, object or array although one is expected. */
export const JSON_STRINGS = ["[]", "{}", '["1"]', '{"a":1}', "null", "true", '"85"', "[object Object]", "undefined"];

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SQL_INJECTION, ...HTML_INJECTION) },
  { weight: 3, arbitrary: fc.constantFrom(...UNICODE_STRINGS, ...BLANK_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 60 }) },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: fc.constantFrom(...JSON_STRINGS) },
);

export const hostileNumberText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NUMBERISH) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
);

export const hostileDateText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...DATEISH) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
      .map(([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
  },
);

/** Any hostile value a text field might receive. */
export const hostileValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 2, arbitrary: hostileNumberText },
  { weight: 1, arbitrary: hostileDateText },
);

/** Hostile values of JSON types: numbers, strings, arrays, objects, null, booleans. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.constantFrom(-1, -0, 100.01, 101, 1e308, -1e308, 2 ** 31, 2 ** 53 + 2, 5e-324, 0.1) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [1], { a: 1 }, [[[]]]) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

// ---------------------------------------------------------------------------------------------
// Form fields

/** A field's value: text, or a file (as a browser would send for a file input). */
export type FieldValue = string | { file: string | Uint8Array; name: string; type?: string };
export type Entries = [string, FieldValue][];

export type Mutation =
  | { kind: "hostile"; field: string; value: string }
  | { kind: "missing"; field: string }
  | { kind: "duplicate"; field: string; value: string }
  | { kind: "file"; field: string; value: string }
  | { kind: "extra"; field: string; value: string };

export interface FormPlan {
  /** "almost" (one or two hostile fields), "valid", or "hostile" (every field hostile or missing). */
  mode: "almost" | "valid" | "hostile";
  base: Record<string, string>;
  mutations: Mutation[];
}

const EXTRA_FIELD_NAMES = ["__proto__", "constructor", "$ACTION_ID_x", "id", "role", "mineId", "scores[]", "a.b", ""];

/**
 * Form fields as the browser would post them: a valid value for each field from `valid`, then (in
 * most runs) one or two mutations: a hostile value (type-specific ones from `hostileFor` too), the
 * field left out, repeated with another value, sent as a file, or an unexpected extra field.
 */
export function formPlan(
  valid: Record<string, fc.Arbitrary<string>>,
  hostileFor: Record<string, fc.Arbitrary<string>> = {},
): fc.Arbitrary<FormPlan> {
  const names = Object.keys(valid);
  const hostileOf = (field: string) =>
    hostileFor[field] ? fc.oneof({ weight: 2, arbitrary: hostileFor[field] }, hostileValue) : hostileValue;
  const mutation: fc.Arbitrary<Mutation> = fc.constantFrom(...names).chain((field) =>
    fc.oneof(
      { weight: 6, arbitrary: hostileOf(field).map((value) => ({ kind: "hostile" as const, field, value })) },
      { weight: 1, arbitrary: fc.constant({ kind: "missing" as const, field }) },
      { weight: 1, arbitrary: hostileOf(field).map((value) => ({ kind: "duplicate" as const, field, value })) },
      { weight: 1, arbitrary: hostileText.map((value) => ({ kind: "file" as const, field, value })) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...EXTRA_FIELD_NAMES), hostileValue)
          .map(([name, value]) => ({ kind: "extra" as const, field: name, value })),
      },
    ),
  );
  const base = fc.record(valid);
  return fc.oneof(
    {
      weight: 7,
      arbitrary: fc.record({
        mode: fc.constant("almost" as const),
        base,
        mutations: fc.array(mutation, { minLength: 1, maxLength: 2 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ mode: fc.constant("valid" as const), base, mutations: fc.constant<Mutation[]>([]) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        mode: fc.constant("hostile" as const),
        base,
        mutations: fc.tuple(
          ...names.map((field) =>
            fc.oneof(
              { weight: 5, arbitrary: hostileOf(field).map((value): Mutation => ({ kind: "hostile", field, value })) },
              { weight: 1, arbitrary: fc.constant<Mutation>({ kind: "missing", field }) },
            ),
          ),
        ),
      }),
    },
  );
}

/** The form fields a plan posts, in order. */
export function planEntries(plan: FormPlan): Entries {
  const values = new Map<string, FieldValue[]>(Object.entries(plan.base).map(([k, v]) => [k, [v]]));
  const extras: Entries = [];
  for (const m of plan.mutations) {
    if (m.kind === "hostile") values.set(m.field, [m.value]);
    else if (m.kind === "missing") values.delete(m.field);
    else if (m.kind === "duplicate") values.set(m.field, [...(values.get(m.field) ?? []), m.value]);
    else if (m.kind === "file") values.set(m.field, [{ file: m.value, name: "field.txt", type: "text/plain" }]);
    else extras.push([m.field, m.value]);
  }
  return [...[...values].flatMap(([k, vs]) => vs.map((v): [string, FieldValue] => [k, v])), ...extras];
}

/** A short description of an input for the log (huge values abbreviated). */
export function describe(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === "string" && v.length > 120 ? `${v.slice(0, 40)}…(${v.length} chars)` : v,
  );
}

// ---------------------------------------------------------------------------------------------
// JSON fields (the spot-check form's "payload" and "scores", the application forms' "scores")

/** A JSON object with one or two keys mutated (hostile value, deleted, unknown key added), or not an object at all. */
export function jsonObjectText(
  valid: fc.Arbitrary<Record<string, unknown>>,
  hostileFor: Record<string, fc.Arbitrary<unknown>> = {},
): fc.Arbitrary<string> {
  const mutate = valid.chain((obj) => {
    const keys = Object.keys(obj);
    const one = fc.constantFrom(...keys).chain((key) =>
      fc.oneof(
        {
          weight: 5,
          arbitrary: (hostileFor[key] ? fc.oneof(hostileFor[key], hostileJson) : hostileJson).map(
            (v) => (o: Record<string, unknown>) => ({ ...o, [key]: v }),
          ),
        },
        {
          weight: 1,
          arbitrary: fc.constant((o: Record<string, unknown>) => {
            const copy = { ...o };
            delete copy[key];
            return copy;
          }),
        },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.constantFrom(...EXTRA_FIELD_NAMES), hostileJson)
            .map(([k, v]) => (o: Record<string, unknown>) => ({ ...o, [k]: v })),
        },
      ),
    );
    return fc.array(one, { minLength: 0, maxLength: 2 }).map((fs) => JSON.stringify(fs.reduce((o, f) => f(o), obj)));
  });
  return fc.oneof(
    { weight: 8, arbitrary: mutate },
    { weight: 1, arbitrary: hostileText },
    {
      weight: 1,
      arbitrary: fc.constantFrom("[]", "null", "1", '"x"', "{", '{"a":', "[".repeat(5000) + "]".repeat(5000)),
    },
  );
}

/** A score as raw JSON text: mostly valid, else negative, NaN-ish, above 100, a string, an array… */
export const hostileScoreToken: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "-1",
    "-0",
    "-0.01",
    "100.01",
    "101",
    "1e309",
    "-1e309",
    "1e308",
    "5e-324",
    "1e-400",
    "85.123456789",
    "99999999999999999999",
    "NaN",
    "Infinity",
    '"NaN"',
    '"85"',
    '"abc"',
    '""',
    "null",
    "true",
    "[]",
    "[85]",
    "{}",
    '{"score":85}',
  ),
  fc.double().map((d) => (Number.isFinite(d) ? JSON.stringify(d) : String(d))),
  hostileText.map((s) => JSON.stringify(s)),
);

export const validScoreToken: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 8500, max: 10000 }).map((n) => String(n / 100)) },
  { weight: 1, arbitrary: fc.constant("null") },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 100 }).map(String) },
);

export const HOSTILE_ELEMENT_CODES = [
  "E99",
  "e01",
  "__proto__",
  "constructor",
  "<script>",
  "'; DROP",
  "\u0000",
  "",
  " E01",
];

/**
 * A scores object as JSON text for the given element codes: valid scores with one to three hostile
 * ones, some left out, unknown codes added; or, now and then, not an object at all.
 */
export function scoresText(codes: readonly string[]): fc.Arbitrary<string> {
  const valid = fc.tuple(...codes.map(() => validScoreToken));
  const entries = valid.chain((tokens) => {
    const base: [string, string][] = codes.map((c, i) => [c, tokens[i]]);
    const edit = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.tuple(fc.nat(codes.length - 1), hostileScoreToken).map(
          ([i, t]) =>
            (e: [string, string][]) =>
              e.map((x, j): [string, string] => (j === i ? [x[0], t] : x)),
        ),
      },
      {
        weight: 1,
        arbitrary: fc.nat(codes.length - 1).map((i) => (e: [string, string][]) => e.filter((x) => x[0] !== codes[i])),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...HOSTILE_ELEMENT_CODES), validScoreToken)
          .map(([c, t]) => (e: [string, string][]) => [...e, [c, t] as [string, string]]),
      },
    );
    return fc.array(edit, { minLength: 0, maxLength: 3 }).map((fs) => fs.reduce((e, f) => f(e), base));
  });
  const text = entries.map((e) => `{${e.map(([k, t]) => `${JSON.stringify(k)}:${t}`).join(",")}}`);
  return fc.oneof(
    { weight: 9, arbitrary: text },
    { weight: 1, arbitrary: fc.oneof(hostileText, fc.constantFrom("[]", "null", '"85"', "85", "")) },
  );
}

// ---------------------------------------------------------------------------------------------
// Query strings

/**
 * A query string for an API: valid parameters with hostile values, repeated or unknown ones, or now
 * and then raw text with broken percent-escapes.
 */
export function queryString(
  valid: Record<string, fc.Arbitrary<string>>,
  hostileFor: Record<string, fc.Arbitrary<string>> = {},
): fc.Arbitrary<string> {
  const names = Object.keys(valid);
  const pair = fc
    .constantFrom(...names)
    .chain((name) =>
      fc.oneof(
        { weight: 2, arbitrary: valid[name].map((v): [string, string] => [name, v]) },
        { weight: 3, arbitrary: (hostileFor[name] ?? hostileValue).map((v): [string, string] => [name, v]) },
        { weight: 2, arbitrary: hostileValue.map((v): [string, string] => [name, v]) },
      ),
    );
  const unknown = fc.tuple(fc.constantFrom("x", "PAGE", "page[]", "__proto__", "", "q "), hostileValue);
  const structured = fc
    .tuple(fc.array(pair, { maxLength: 5 }), fc.option(unknown, { freq: 5 }))
    .map(([pairs, extra]) => {
      const params = new URLSearchParams();
      for (const [k, v] of pairs) params.append(k, v);
      if (extra) params.append(extra[0], extra[1]);
      return params.toString();
    });
  const raw = fc.constantFrom(
    "q=%ZZ",
    "q=%00",
    "q=%C0%AF",
    "q=%",
    "province=%F0%9F%98%80",
    "page=1&page=2",
    "pageSize=%2D1",
    "q=a%00b&province=14",
    "&&&=&=",
    "asOf=2026-13-01",
    "year=1e309",
    "scope=14%00",
  );
  return fc.oneof({ weight: 9, arbitrary: structured }, { weight: 1, arbitrary: raw });
}

// ---------------------------------------------------------------------------------------------
// Issue 15.5: evidence files (photos and PDFs) as a browser would send them, honest and not

/** A 64×48 JPEG (a red square). */
export const PHOTO_JPEG = Buffer.from(
  "/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAwAEADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFgEBAQEAAAAAAAAAAAAAAAAAAAUG/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AnQE9rwAAAAAAAAAAAAAAAAAAAAAH/9k=",
  "base64",
);
export const SMALL_PDF =
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

const FILE_NAMES = ["photo.jpg", "report.pdf", "x.png", "virus.exe", "../../etc/passwd", "名字.jpg", "a b\tc.pdf", ""];

/**
 * A name a browser sends for a chosen file: without control characters, at most 255 bytes. Next.js's
 * multipart parser answers 500 ("Malformed part header") to a part header with a control character or
 * over 16 KB before any action runs; the fuzzing keeps to names that reach the portal's own code.
 */
const browserFileName = (name: string) => {
  let out = name.replace(/[\u0000-\u001f\u007f]/g, "");
  while (Buffer.byteLength(out) > 255) out = out.slice(0, -1);
  return out;
};

const withHeader = (header: number[]) =>
  fc.uint8Array({ maxLength: 2048 }).map((rest) => Uint8Array.from([...header, ...rest]));

/** Zero to three files: real photos and PDFs, random bytes, and image or PDF headers over garbage, under any name. */
export const evidenceFiles: fc.Arbitrary<{ file: string | Uint8Array; name: string; type: string }[]> = fc.array(
  fc.record({
    file: fc.oneof(
      // Honest files half of the time, so that some uploads are accepted and checked for a complete write.
      { weight: 4, arbitrary: fc.constant<string | Uint8Array>(new Uint8Array(PHOTO_JPEG)) },
      { weight: 4, arbitrary: fc.constant<string | Uint8Array>(SMALL_PDF) },
      fc.uint8Array({ maxLength: 4096 }),
      withHeader([0xff, 0xd8, 0xff, 0xe0]),
      withHeader([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      withHeader([0x4d, 0x5a, 0x90, 0x00]),
      hostileText,
    ),
    name: fc.oneof(fc.constantFrom(...FILE_NAMES), hostileText).map(browserFileName),
    type: fc.constantFrom("image/jpeg", "image/png", "application/pdf", "application/octet-stream", ""),
  }),
  { maxLength: 3 },
);
