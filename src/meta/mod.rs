//! Metadata helpers shared by the content stages ([`crate::extract`], [`crate::text`]):
//! dates, languages, bylines.

pub mod byline;
pub mod chars;
pub mod date;
pub mod lang;

pub use date::{DateTime, date_from_url, find_date};
pub use lang::{detect_lang, identify as identify_lang};
