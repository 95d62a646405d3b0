// The EJS view engine of the app: the same template language, parser and output as `ejs.renderFile`, but
// compiled so that a render does less work per line of a template. Measured with the bench (issue 9), EJS's
// own wrapper spent most of a list page's render time outside the template's own code:
// - `with (locals) { ... }`: every `__append`, `escapeFn` and `__line` in a template (several per line of
//   output) is a dynamic scope lookup that V8 cannot optimise. Here the template's locals are declared as
//   plain variables (`var title = locals.title, ...`) from the keys the data actually has, so lookups are
//   static. Same semantics: a name the data lacks is a ReferenceError (or `typeof` 'undefined') either way.
// - every include did an `fs.existsSync` on the include path and copied the options; here an include's
//   file is resolved once per (template, path) when the view cache is on (relative to the including file,
//   as EJS does; the app's views use no absolute or dynamic include paths).
// - escaping ran a regular-expression replace with a callback on every value; here values without any of
//   & < > " ' are returned as they are (the common case), others get the same entities as EJS writes.
// Compiled functions are kept per file and set of data keys when Express's "view cache" is on (production);
// otherwise every render reads and compiles the files again, as EJS does. The sets of keys come from the
// code (render options, res.locals, include arguments), so they are few: in the web tests the field partial
// had the most, 85; a bound keeps a mistake (keys from user input) from growing the cache.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import ejs from 'ejs';

type Data = Record<string, unknown>;
type Escape = (value: unknown) => string;
type Include = (path: string, includeData?: Data) => string;
type Rethrow = (err: Error, str: string, filename: string, lineno: number, esc: Escape) => never;
type TemplateFn = (locals: Data, escapeFn: Escape, include: Include, rethrow: Rethrow) => string;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };
const SPECIAL = /[&<>"'\u0100-\uffff]/;
// A surrogate pair is one character: one reference to its code point.
const SPECIAL_ALL = /[&<>"']|[\ud800-\udbff][\udc00-\udfff]|[\u0100-\uffff]/g;

/**
 * HTML escape with the entities of EJS's escapeXML; null and undefined give ''. A character above U+00FF
 * becomes a numeric character reference ("Uren – Şahin" as "Uren &#8211; &#350;ahin"): the browser shows the
 * same text (in element content, attribute values, title and textarea alike), and the page stays a one-byte
 * string in V8 (see oneByteText: a two-byte page costs about 0.35 ms per 100 KB to encode).
 */
export function escapeHtml(value: unknown): string {
  if (value === undefined || value === null) return '';
  const s = String(value);
  return SPECIAL.test(s) ? s.replace(SPECIAL_ALL, escapeOne) : s;
}

function escapeOne(c: string): string {
  return ENTITIES[c] ?? `&#${c.codePointAt(0)};`;
}

const ABOVE_LATIN1 = /[\u{100}-\u{10ffff}]/gu;

/**
 * A template's own text (outside its tags) with every character above U+00FF as a numeric character reference
 * (`–` as `&#8211;`): the browser shows the same, and a page whose data is Latin-1 stays a one-byte string in
 * V8. One such character anywhere (the "–" in every page's title) made the whole page a two-byte string, and
 * encoding that to UTF-8 for the response cost about 0.35 ms of a 100 KB caseload page (bench, issue 23).
 * Only template text: it is HTML (no template writes into a script or style element), whereas a value in a
 * tag may be escaped (<%= %>) and an entity there would show literally.
 */
export function oneByteText(text: string): string {
  return text.replace(ABOVE_LATIN1, (c) => `&#${c.codePointAt(0)};`);
}

/** EJS's error decoration (template name, line and the lines around it). */
function rethrow(err: Error & { path?: string }, str: string, filename: string, lineno: number, esc: Escape): never {
  const lines = str.split('\n');
  const start = Math.max(lineno - 3, 0);
  const end = Math.min(lines.length, lineno + 3);
  const name = esc(filename);
  const context = lines
    .slice(start, end)
    .map((line, i) => `${i + start + 1 === lineno ? ' >> ' : '    '}${i + start + 1}| ${line}`)
    .join('\n');
  err.path = name;
  err.message = `${name || 'ejs'}:${lineno}\n${context}\n\n${err.message}`;
  throw err;
}

/** Names the compiled function uses itself: data keys never shadow them. */
const INTERNAL = new Set<string>(['locals', 'escapeFn', 'include', 'rethrow', '__output', '__append', '__line', '__lines', '__filename']);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const declarable = new Map<string, boolean>();

/** Whether a data key can be declared as a variable (an identifier that is not a reserved word). */
function isDeclarable(key: string): boolean {
  let ok = declarable.get(key);
  if (ok === undefined) {
    ok = IDENTIFIER.test(key) && !INTERNAL.has(key);
    if (ok) {
      try {
        new Function(`var ${key};`);
      } catch {
        ok = false;
      }
    }
    declarable.set(key, ok);
  }
  return ok;
}

/** ejs.Template with the step of `compile()` that turns the template text into JavaScript statements. */
type EjsTemplate = ejs.Template & { generateSource(): void; _addOutput(line: string): unknown };

function compile(filename: string, keys: string[]): TemplateFn {
  const text = readFileSync(filename, 'utf8').replace(/^\uFEFF/, '');
  // EJS's own parser and code generator; only the function around the generated code is ours.
  const template = new ejs.Template(text, { filename, escape: escapeHtml, compileDebug: true }) as EjsTemplate;
  const addOutput = template._addOutput;
  template._addOutput = function (this: EjsTemplate, line: string) {
    return addOutput.call(this, oneByteText(line));
  };
  template.generateSource();
  // Only the keys the template's code names become variables: a partial included from a page with fifty keys
  // reads the few it uses (a name the code does not contain cannot be read as a variable; `locals` has them all).
  const named = new Set(template.source.match(/[A-Za-z_$][\w$]*/g));
  const declarations = keys.filter((k) => named.has(k) && isDeclarable(k)).map((k) => `${k} = locals.${k}`);
  // The data's keys are variables of the function; the template's code runs in a block inside it (the try),
  // so a template's own `const`/`let` of the same name shadows the data's, as inside EJS's `with` block.
  const src =
    `var __line = 1, __lines = ${JSON.stringify(template.templateText)}, __filename = ${JSON.stringify(filename)};\n` +
    'var __output = "";\n' +
    'function __append(s) { if (s !== undefined && s !== null) __output += s }\n' +
    (declarations.length ? `var ${declarations.join(',\n  ')};\n` : '') +
    `try {\n${template.source}\n  return __output;\n} catch (e) {\n  rethrow(e, __lines, __filename, __line, escapeFn);\n}\n` +
    `//# sourceURL=${JSON.stringify(filename)}\n`;
  try {
    return new Function('locals, escapeFn, include, rethrow', src) as TemplateFn;
  } catch (err) {
    if (err instanceof SyntaxError) err.message += ` in ${filename} while compiling ejs`;
    throw err;
  }
}

const MAX_VARIANTS = 1000;

/** The data keys a signature names (keys joined by commas; '' for none). */
function keysOf(signature: string): string[] {
  return signature === '' ? [] : signature.split(',');
}

/** An Express view engine: `app.engine('ejs', createViewEngine())`. */
export function createViewEngine() {
  const compiled = new Map<string, Map<string, TemplateFn>>();
  const resolved = new Map<string, string>();

  /**
   * The compiled template for a file and the keys of its data. `signature` is those keys joined (callers that
   * know it, an include, pass it: computing it from a page's fifty keys for each of its includes was a tenth
   * of a form page's time).
   */
  function templateFor(filename: string, data: Data, cache: boolean, signature = Object.keys(data).join(',')): TemplateFn {
    if (!cache) return compile(filename, keysOf(signature));
    let variants = compiled.get(filename);
    if (!variants) {
      variants = new Map();
      compiled.set(filename, variants);
    }
    let fn = variants.get(signature);
    if (!fn) {
      fn = compile(filename, keysOf(signature));
      if (variants.size >= MAX_VARIANTS) variants.clear();
      variants.set(signature, fn);
    }
    return fn;
  }

  /** The file of `include(path)` in the template `from`: relative to it, `.ejs` added (as EJS resolves it). */
  function resolveInclude(from: string, path: string, cache: boolean): string {
    const key = `${from}\n${path}`;
    const known = cache ? resolved.get(key) : undefined;
    if (known) return known;
    let file = resolve(dirname(from), path);
    if (!extname(path)) file += '.ejs';
    if (!existsSync(file)) throw new Error(`Could not find the include file "${escapeHtml(path)}"`);
    if (cache) resolved.set(key, file);
    return file;
  }

  function render(filename: string, data: Data, cache: boolean, signature = Object.keys(data).join(',')): string {
    const include: Include = (path, includeData) => {
      // As EJS: the include sees this template's data with includeData on top, and what it assigns stays its
      // own. EJS copies the data; here the include's data inherits from this template's (copying a page's fifty
      // keys for each include was a tenth of a form page's time), so its keys are listed by the signature,
      // not by Object.keys: this template's, then those of includeData it did not have.
      const d = Object.create(data) as Data;
      let sig = signature;
      if (includeData) {
        for (const k of Object.keys(includeData)) {
          if (!(k in data)) sig += `,${k}`;
          d[k] = includeData[k];
        }
      }
      return render(resolveInclude(filename, path, cache), d, cache, sig);
    };
    return templateFor(filename, data, cache, signature)(data, escapeHtml, include, rethrow as Rethrow);
  }

  return (filename: string, options: object, callback: (err: Error | null, html?: string) => void): void => {
    // As EJS: the template's locals are a copy without prototype of what Express hands over.
    const data: Data = Object.assign(Object.create(null), options);
    let html: string;
    try {
      html = render(filename, data, data.cache === true);
    } catch (err) {
      callback(err as Error);
      return;
    }
    callback(null, html);
  };
}
