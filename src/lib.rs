//! pagewash: raw scraped web pages in, clean structured JSON records out.
//!
//! Data flows one way through one module per stage:
//! [`input`] (files, directories, WARC, JSONL, stdin → [`input::Document`]s) →
//! [`decode`] (bytes → text, with repairs) → [`extract`] (HTML) or [`text`] (plain text) →
//! [`spam`] (find and strip SEO spam) → [`record`] (the output schema).
//! [`batch`] drives the stages in parallel and writes records in input order.
//! A stage never calls a later one; types shared between stages live where they are produced.
#![forbid(unsafe_code)]

pub mod batch;
pub mod boilerplate;
pub mod content;
pub mod decode;
pub mod exit_codes;
pub mod extract;
pub mod fingerprint;
pub mod flags;
pub mod input;
pub mod markdown;
pub mod meta;
pub mod output;
pub mod record;
pub mod spam;
pub mod text;

#[cfg(test)]
mod testing;
