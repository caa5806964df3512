// Small verdict helpers shared by the case files.
"use strict";

const eio = require("../lib/eio");

/** "400 {json}" / "closed without answer" / "no answer": what came back, for the report. */
function describe(r) {
  if (!r) return "nothing";
  const res = r.res;
  if (!res) return r.closed ? "closed without an answer" : "no answer (connection held open)";
  const body = res.body ? res.body.toString("utf8").slice(0, 80).replace(/[\x00-\x1f]/g, (c) => "\\x" + c.charCodeAt(0).toString(16).padStart(2, "0")) : "";
  return `${res.status}${body ? " " + body : ""}${r.closed ? " (closed)" : ""}`;
}

/** A clear refusal: a 4xx answer, or the connection closed without any answer. */
function refused(r) {
  if (!r) return false;
  if (r.res) return r.res.status >= 400 && r.res.status < 500;
  return r.closed;
}

/** A 4xx answer (a status only; the connection may stay or go). */
const is4xx = (r) => !!(r && r.res && r.res.status >= 400 && r.res.status < 500);

/** The Engine.IO error JSON of a 400 with the given code. */
function eioError(r, code) {
  const j = eio.errorJson(r && r.res);
  return !!(r && r.res && r.res.status === 400 && j && j.code === code);
}

/** A verdict object. */
const verdict = (pass, obs) => ({ pass: !!pass, obs });

module.exports = { describe, refused, is4xx, eioError, verdict };
