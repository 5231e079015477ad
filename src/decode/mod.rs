//! Bytes → text: binary sniffing, encoding determination, decoding, and repair of text damaged
//! before it reached us (see [`repair`]).
//!
//! Determination follows the WHATWG "determine the character encoding" algorithm: a BOM wins
//! over everything; then the transport layer (`--encoding`, the WARC record's HTTP charset, a
//! JSONL charset field); then the `<meta>` prescan of the first 1024 bytes ([`prescan`]); then
//! detection over the whole document (chardetng). Unlike a browser, a declaration that the
//! bytes contradict does not win blindly (see [`check_declaration`]).

pub mod binary;
mod cyrillic;
pub mod hanzi;
mod johab;
pub mod labels;
mod legacy;
pub mod prescan;
pub mod repair;
pub mod script;
pub mod single_byte;
mod wide;

use encoding_rs::{
    BIG5, DecoderResult, EUC_JP, EUC_KR, Encoding, GB18030, GBK, REPLACEMENT, SHIFT_JIS, UTF_8, UTF_16BE, UTF_16LE,
    WINDOWS_1252, WINDOWS_1258, X_USER_DEFINED,
};
use serde::Serialize;

/// The encoding decision for a document, as reported in the record; all `null` when the
/// document never reached decoding.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EncodingInfo {
    /// WHATWG name of the encoding used to decode (`UTF-8`, `GBK`, `Big5`…); `UTF-32LE`,
    /// `UTF-32BE` and `ISO-2022-KR`, which the Encoding Standard lacks, by their IANA names.
    pub name: Option<&'static str>,
    /// `bom`, `transport`, `meta`, `detected` or `default`.
    pub source: Option<&'static str>,
    /// The label the document or its transport declared.
    pub declared: Option<String>,
    /// Malformed byte sequences met while decoding.
    pub malformed: u64,
}

/// Options of the decode stage.
#[derive(Debug, Clone, Default)]
pub struct DecodeOptions {
    /// `--encoding`: used as the transport-layer encoding for every document.
    pub encoding_override: Option<&'static Encoding>,
    pub repairs: repair::RepairOptions,
    pub script: script::Script,
}

/// What the decode stage knows about a document besides its bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints<'a> {
    /// Charset label from the transport layer (HTTP header, JSONL field).
    pub transport: Option<&'a str>,
    pub url: Option<&'a str>,
    /// Whether the bytes are HTML (the `<meta>` prescan applies only then).
    pub html: bool,
}

/// A decoded document.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub encoding: EncodingInfo,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("binary content ({0}), not text")]
    Binary(&'static str),
}

/// A decoder: one of encoding_rs's, or one of the few the Encoding Standard lacks but real
/// files use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Whatwg(&'static Encoding),
    Utf32Le,
    Utf32Be,
    Iso2022Kr,
    Johab,
    SingleByte(&'static single_byte::SingleByte),
}

impl Charset {
    pub fn name(self) -> &'static str {
        match self {
            Charset::Whatwg(encoding) => encoding.name(),
            Charset::Utf32Le => "UTF-32LE",
            Charset::Utf32Be => "UTF-32BE",
            Charset::Iso2022Kr => "ISO-2022-KR",
            Charset::Johab => "Johab",
            Charset::SingleByte(page) => page.name,
        }
    }

    /// Decodes `bytes` (without BOM), replacing malformed sequences with U+FFFD and counting them.
    pub fn decode(self, bytes: &[u8]) -> (String, u64) {
        match self {
            Charset::Whatwg(encoding) => decode_counting(encoding, bytes),
            Charset::Utf32Le => wide::decode_utf32(bytes, false),
            Charset::Utf32Be => wide::decode_utf32(bytes, true),
            Charset::Iso2022Kr => wide::decode_iso2022kr(bytes),
            Charset::Johab => johab::decode(bytes),
            Charset::SingleByte(page) => page.decode(bytes),
        }
    }
}

/// The decision of [`determine`]: what to decode with, why, and how many leading bytes (a BOM)
/// to skip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Determination {
    pub charset: Charset,
    pub source: &'static str,
    pub declared: Option<String>,
    pub bom_len: usize,
}

/// Determines the encoding of `bytes` and decodes them.
pub fn decode(bytes: &[u8], hints: &Hints<'_>, opts: &DecodeOptions) -> Result<Decoded, DecodeError> {
    decode_owned(bytes.to_vec(), hints, opts)
}

/// [`decode`] of bytes the caller hands over, so that a text that needs no decoding (valid
/// UTF-8 read as UTF-8, ASCII read by any ASCII-compatible encoding) is the bytes themselves,
/// not a copy.
pub fn decode_owned(bytes: Vec<u8>, hints: &Hints<'_>, opts: &DecodeOptions) -> Result<Decoded, DecodeError> {
    // The byte-order mark and the UTF-16/32 shape are looked for once; the binary check and
    // the encoding decision both use them.
    let bom = wide::bom(&bytes);
    let wide = if bom.is_none() { wide::sniff_wide(&bytes) } else { None };
    if bom.is_none()
        && wide.is_none()
        && let Some(what) = binary::sniff(&bytes)
    {
        return Err(DecodeError::Binary(what));
    }
    // Whether the bytes are valid UTF-8 is asked by the encoding decision and by the decoding;
    // answering it once by making them a `String` also gives the text when they are. Bytes in
    // a legacy encoding fail at their first non-ASCII character, so the question costs them
    // little.
    let utf8 = String::from_utf8(bytes);
    let (bytes, valid_utf8) = match &utf8 {
        Ok(text) => (text.as_bytes(), true),
        Err(err) => (err.as_bytes(), false),
    };
    let decision = determine(bytes, valid_utf8, hints, opts.encoding_override, bom, wide);
    let (mut text, malformed) = match utf8 {
        Ok(text) => decode_valid_utf8(decision.charset, decision.bom_len, text),
        Err(err) => decision.charset.decode(&err.as_bytes()[decision.bom_len..]),
    };
    if decision.charset == Charset::Whatwg(WINDOWS_1258) {
        text = single_byte::compose_vietnamese(text);
    }
    Ok(Decoded {
        text,
        encoding: EncodingInfo {
            name: Some(decision.charset.name()),
            source: Some(decision.source),
            declared: decision.declared,
            malformed,
        },
    })
}

/// Decodes `text`, bytes that are valid UTF-8, with `charset` after a BOM of `bom_len` bytes.
/// UTF-8 reads them as they are; so does every ASCII-compatible encoding when they are all
/// ASCII (bytes 0x00–0x7F mean U+0000–U+007F there, and nothing is malformed).
fn decode_valid_utf8(charset: Charset, bom_len: usize, mut text: String) -> (String, u64) {
    match charset {
        Charset::Whatwg(encoding) if encoding == UTF_8 && text.is_char_boundary(bom_len) => {
            text.drain(..bom_len);
            (text, 0)
        }
        Charset::Whatwg(encoding) if bom_len == 0 && encoding.is_ascii_compatible() && text.is_ascii() => (text, 0),
        _ => charset.decode(&text.as_bytes()[bom_len.min(text.len())..]),
    }
}

/// The encoding decision for `bytes`: BOM, `--encoding`, transport label, `<meta>` prescan
/// (HTML only), each checked against the bytes, then detection. `bom` and `wide` are what
/// [`wide::bom`] and [`wide::sniff_wide`] found in `bytes` (the latter only without a BOM);
/// `valid_utf8` whether all of `bytes` are valid UTF-8.
fn determine(
    bytes: &[u8],
    valid_utf8: bool,
    hints: &Hints<'_>,
    encoding_override: Option<&'static Encoding>,
    bom: Option<(Charset, usize)>,
    wide: Option<Charset>,
) -> Determination {
    if let Some((charset, bom_len)) = bom {
        return Determination {
            charset,
            source: "bom",
            declared: None,
            bom_len,
        };
    }
    if let Some(encoding) = encoding_override {
        // The user's explicit choice is not second-guessed.
        return Determination {
            charset: Charset::Whatwg(usable(encoding)),
            source: "transport",
            declared: Some(encoding.name().to_string()),
            bom_len: 0,
        };
    }
    let mut declared = None;
    if let Some(label) = hints.transport.map(str::trim).filter(|label| !label.is_empty()) {
        declared = Some(label.to_string());
        if let Some(charset) = declared_charset(label, wide)
            && let Some(decision) = check_declaration(charset, "transport", label, bytes, valid_utf8, hints)
        {
            return decision;
        }
    }
    // What follows has the standard's tentative confidence: the first `<meta>` the parser
    // meets changes the encoding if it names another one.
    let prescanned = if hints.html { prescan::prescan(bytes) } else { None };
    let decision = tentative(bytes, valid_utf8, hints, wide, declared.clone(), prescanned.as_ref());
    if !hints.html || matches!(decision.charset, Charset::Utf32Le | Charset::Utf32Be) {
        return decision;
    }
    let Some(parsed) = prescan::first_parsed_meta(bytes) else {
        return decision;
    };
    let in_use = |encoding: &'static Encoding| decision.charset == Charset::Whatwg(encoding);
    // The declaration the prescan found (and weighed) met again, or UTF-16 being read: no change.
    if prescanned.is_some_and(|meta| meta.encoding == parsed.encoding)
        || in_use(parsed.encoding)
        || in_use(UTF_16LE)
        || in_use(UTF_16BE)
    {
        return decision;
    }
    match check_declaration(
        Charset::Whatwg(parsed.encoding),
        "meta",
        &parsed.label,
        bytes,
        valid_utf8,
        hints,
    ) {
        Some(changed) => Determination {
            declared: declared.or(Some(parsed.label)),
            ..changed
        },
        None => decision,
    }
}

/// The decision after the transport layer: the prescan's `<meta>` (`prescanned`), else an XML
/// declaration, each checked against the bytes, else detection. `declared`: the transport's
/// unusable label, if any.
fn tentative(
    bytes: &[u8],
    valid_utf8: bool,
    hints: &Hints<'_>,
    wide: Option<Charset>,
    mut declared: Option<String>,
    prescanned: Option<&prescan::MetaDeclaration>,
) -> Determination {
    if let Some(meta) = prescanned {
        let label = meta.label.clone();
        if declared.is_none() {
            declared = Some(label.clone());
        }
        // A label of the replacement encoding (`replacement`, `hz-gb-2312`, `iso-2022-kr`…)
        // would decode the page to one U+FFFD, as browsers show it: ISO-2022-KR has a decoder
        // of its own here, the others are left to detection.
        let charset = if meta.encoding == REPLACEMENT {
            declared_charset(&label, wide)
        } else {
            Some(Charset::Whatwg(meta.encoding))
        };
        if let Some(charset) = charset
            && let Some(decision) = check_declaration(charset, "meta", &label, bytes, valid_utf8, hints)
        {
            return Determination { declared, ..decision };
        }
    } else if let Some(label) = prescan::xml_declaration(bytes) {
        // XML (feeds, XHTML) declares its encoding in the XML declaration; like a `<meta>`, it
        // cannot switch the ASCII-compatible bytes being read to UTF-16.
        if declared.is_none() {
            declared = Some(label.clone());
        }
        let charset = match declared_charset(&label, wide) {
            None if labels::resolve(&label).is_some_and(|e| e == UTF_16LE || e == UTF_16BE) => {
                Some(Charset::Whatwg(UTF_8))
            }
            charset => charset,
        };
        if let Some(charset) = charset
            && let Some(decision) = check_declaration(charset, "meta", &label, bytes, valid_utf8, hints)
        {
            return Determination { declared, ..decision };
        }
    }
    let mut decision = detect(bytes, valid_utf8, hints, wide);
    decision.declared = declared;
    decision
}

/// The charset a transport label names, if it can be used on these bytes: UTF-16 only when
/// the bytes look like UTF-16, `ISO-2022-KR` (which WHATWG maps to the replacement encoding)
/// with our decoder, other replacement labels not at all. `wide`: the UTF-16/32 shape of the bytes.
fn declared_charset(label: &str, wide: Option<Charset>) -> Option<Charset> {
    let normalized = label.trim().to_ascii_lowercase();
    if normalized.starts_with("utf-32") || normalized.starts_with("utf32") || normalized == "ucs-4" {
        return wide.filter(|c| matches!(c, Charset::Utf32Le | Charset::Utf32Be));
    }
    if normalized.replace('_', "-") == "iso-2022-kr" || normalized == "csiso2022kr" {
        return Some(Charset::Iso2022Kr);
    }
    if matches!(
        normalized.as_str(),
        "johab" | "x-johab" | "cp1361" | "ms1361" | "korean-johab"
    ) {
        return Some(Charset::Johab);
    }
    let Some(encoding) = labels::resolve(label) else {
        return single_byte::for_label(&normalized.replace('_', "-")).map(Charset::SingleByte);
    };
    if encoding == REPLACEMENT {
        return None;
    }
    if encoding == UTF_16LE || encoding == UTF_16BE {
        return match wide {
            Some(Charset::Whatwg(found)) if found == UTF_16LE || found == UTF_16BE => Some(Charset::Whatwg(found)),
            _ => None,
        };
    }
    Some(Charset::Whatwg(usable(encoding)))
}

/// `x-user-defined` decodes high bytes to private-use characters; as a page encoding it means
/// windows-1252.
fn usable(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding
    }
}

/// Keeps a declaration unless the bytes contradict it: a non-UTF-8 declaration over valid UTF-8
/// with non-ASCII content is UTF-8; a UTF-8 declaration over bytes that are invalid UTF-8
/// throughout is re-detected; a single-byte or CJK declaration over bytes that another CJK
/// encoding decodes cleanly into clearly more plausible Chinese is overruled by that encoding.
/// Returns `None` when the declaration is unusable and detection should decide. `valid_utf8`:
/// whether all of `bytes` are valid UTF-8.
fn check_declaration(
    charset: Charset,
    source: &'static str,
    label: &str,
    bytes: &[u8],
    valid_utf8: bool,
    hints: &Hints<'_>,
) -> Option<Determination> {
    let keep = Determination {
        charset,
        source,
        declared: Some(label.to_string()),
        bom_len: 0,
    };
    let Charset::Whatwg(encoding) = charset else {
        // ISO-2022-KR is a 7-bit encoding: bytes above 0x7F say the page is something else.
        if matches!(charset, Charset::Iso2022Kr) && !bytes.is_ascii() {
            return None;
        }
        return Some(keep);
    };
    if !encoding.is_ascii_compatible() {
        return Some(keep);
    }
    if bytes.is_ascii() && memchr::memchr(0x1B, bytes).is_none() {
        // ASCII: every ASCII-compatible declaration decodes it the same way.
        return Some(keep);
    }
    if encoding == UTF_8 && valid_utf8 {
        return Some(keep);
    }
    let stats = Utf8Stats::of(bytes, valid_utf8);
    let overruled = |charset: Charset| Determination {
        charset,
        source: "detected",
        declared: Some(label.to_string()),
        bom_len: 0,
    };
    if encoding == UTF_8 {
        if stats.invalid_throughout() {
            let detected = detect_legacy(bytes, hints);
            let (_, malformed) = detected.decode(bytes);
            if malformed < stats.malformed {
                return Some(overruled(detected));
            }
        }
        return Some(keep);
    }
    if stats.is_convincing_utf8() {
        return Some(overruled(Charset::Whatwg(UTF_8)));
    }
    if let Some(better) = more_plausible_cjk(encoding, bytes, hints) {
        return Some(overruled(better));
    }
    Some(keep)
}

/// Whether a CJK encoding other than the declared `encoding` reads `bytes` clearly better: no
/// malformed sequences, and (for Chinese) Han text the frequency model finds clearly more
/// plausible than what the declaration yields.
fn more_plausible_cjk(encoding: &'static Encoding, bytes: &[u8], hints: &Hints<'_>) -> Option<Charset> {
    const HEAD: usize = 256 * 1024;
    let head = &bytes[..bytes.len().min(HEAD)];
    if !declaration_is_doubtful(encoding, head) {
        return None;
    }
    let guess = match detect_legacy(head, hints) {
        Charset::Whatwg(guess) => guess,
        _ => return None,
    };
    let same_family = |a: &'static Encoding, b: &'static Encoding| a == b || (is_gb(a) && is_gb(b));
    if same_family(guess, encoding) || !is_cjk_multibyte(guess) {
        return None;
    }
    let (guessed_text, guessed_malformed) = decode_counting(guess, head);
    if guessed_malformed > 0 {
        return None;
    }
    let (declared_text, declared_malformed) = decode_counting(encoding, head);
    let guessed = hanzi::plausibility(&guessed_text);
    if guessed.han < 16 && guess != SHIFT_JIS && guess != EUC_JP && guess != EUC_KR {
        return None;
    }
    if declared_malformed > 0 && guessed.is_plausible() {
        return Some(Charset::Whatwg(guess));
    }
    let declared = hanzi::plausibility(&declared_text);
    (guessed.is_plausible() && guessed.clearly_better_than(&declared)).then_some(Charset::Whatwg(guess))
}

/// Cheap first look before running detection against a declaration: it is doubtful when the
/// declared decoder meets malformed bytes, when a single-byte declaration covers bytes that
/// GBK or Big5 reads cleanly as plausible Chinese, or when a CJK declaration yields
/// implausible Chinese. Ordinary pages that decode cleanly into plausible text never pay for
/// detection.
fn declaration_is_doubtful(encoding: &'static Encoding, head: &[u8]) -> bool {
    if encoding.is_single_byte() {
        let high = head.iter().filter(|b| **b >= 0x80).count();
        return high >= 32
            && [GBK, BIG5].into_iter().any(|cjk| {
                let (text, malformed) = decode_counting(cjk, head);
                malformed == 0 && hanzi::plausibility(&text).is_plausible()
            });
    }
    let (text, malformed) = decode_counting(encoding, head);
    if malformed > 0 {
        return true;
    }
    let p = hanzi::plausibility(&text);
    p.han >= 16 && !p.is_plausible()
}

fn is_gb(encoding: &'static Encoding) -> bool {
    encoding == GBK || encoding == GB18030
}

fn is_cjk_multibyte(encoding: &'static Encoding) -> bool {
    [GBK, GB18030, BIG5, SHIFT_JIS, EUC_JP, EUC_KR].contains(&encoding)
}

/// Detection when nothing usable was declared: BOM-less UTF-16/32, ISO-2022-KR, ASCII (the
/// default), valid UTF-8, then chardetng over the whole document. `valid_utf8`: whether all of
/// `bytes` are valid UTF-8.
fn detect(bytes: &[u8], valid_utf8: bool, hints: &Hints<'_>, wide: Option<Charset>) -> Determination {
    let decision = |charset, source| Determination {
        charset,
        source,
        declared: None,
        bom_len: 0,
    };
    if let Some(charset) = wide {
        return decision(charset, "detected");
    }
    if wide::looks_like_iso2022kr(bytes) {
        return decision(Charset::Iso2022Kr, "detected");
    }
    let ascii = bytes.is_ascii();
    let escapes = memchr::memchr(0x1B, bytes).is_some();
    if ascii && !escapes {
        // Nothing to detect: HTML gets the WHATWG default for most locales, text UTF-8.
        let default = if hints.html { WINDOWS_1252 } else { UTF_8 };
        return decision(Charset::Whatwg(default), "default");
    }
    if !ascii && valid_utf8 {
        return decision(Charset::Whatwg(UTF_8), "detected");
    }
    if let Some(charset) = wide::sniff_ebcdic(bytes) {
        return decision(charset, "detected");
    }
    decision(detect_legacy(bytes, hints), "detected")
}

/// chardetng over all of `bytes`, UTF-8 excluded (the caller knows the bytes are not valid
/// UTF-8). The URL's top-level domain is a hint only where chardetng says it may matter, and
/// only when the guess it leads to decodes the bytes no worse than the guess without it: a
/// mirror or spam domain under a national TLD does not decide against the bytes.
fn detect_legacy(bytes: &[u8], hints: &Hints<'_>) -> Charset {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    detector.feed(bytes, true);
    let plain = detector.guess(None, chardetng::Utf8Detection::Deny);
    let tld = hints.url.and_then(top_level_domain);
    let guess = match tld.as_deref() {
        Some(tld) if chardetng::EncodingDetector::tld_may_affect_guess(Some(tld.as_bytes())) => {
            let hinted = detector.guess(Some(tld.as_bytes()), chardetng::Utf8Detection::Deny);
            if hinted == plain || malformed_count(hinted, bytes) > malformed_count(plain, bytes) {
                plain
            } else {
                hinted
            }
        }
        _ => plain,
    };
    let guess = if is_cjk_multibyte(guess) && reads_as_latin_words(guess, bytes) {
        // A few accented letters of a Western text in a DOS code page pair up with the ASCII
        // letters after them into valid double-byte characters; the code pages decide below.
        WINDOWS_1252
    } else {
        guess
    };
    if !is_cjk_multibyte(guess)
        && let Some(chinese) = reads_as_chinese(bytes)
    {
        // chardetng rules out an encoding at its first malformed sequence: a GBK page with a
        // few broken bytes (a truncated character, a stray byte) comes out as Greek or DOS soup.
        return Charset::Whatwg(chinese);
    }
    if cyrillic::applies_to(guess)
        && let Some(better) = cyrillic::refine(guess, bytes)
    {
        return better;
    }
    // Korean Johab reads as Latin-1 soup to chardetng.
    if guess.is_single_byte() && johab::looks_like_johab(bytes) {
        return Charset::Johab;
    }
    if legacy::applies_to(guess)
        && let Some(better) = legacy::refine(guess, bytes)
    {
        return better;
    }
    if cyrillic::applies_to(guess)
        && guess != WINDOWS_1252
        && !cyrillic::reads_as_cyrillic(bytes)
        && let Some(better) = legacy::refine(WINDOWS_1252, bytes)
    {
        // Not Cyrillic in any Cyrillic encoding: the Latin and Greek pages decide, measured
        // against the Western reading as if chardetng had given up.
        return better;
    }
    Charset::Whatwg(guess)
}

/// The Chinese encoding (GBK or Big5) whose reading of `bytes` is plainly Chinese: nearly every
/// high byte part of a valid pair (at most one malformed sequence per 20 Han characters), and the
/// characters read mostly common ones (as Chinese text is; a single-byte text read as pairs gives
/// rare characters). A single-byte guess wins over such a reading only when there is none.
fn reads_as_chinese(bytes: &[u8]) -> Option<&'static Encoding> {
    const HEAD: usize = 256 * 1024;
    const MIN_HAN: usize = 16;
    let head = &bytes[..bytes.len().min(HEAD)];
    let high = head.iter().filter(|&&b| b >= 0x80).count();
    if high < 2 * MIN_HAN {
        return None;
    }
    [GBK, BIG5]
        .into_iter()
        .filter_map(|encoding| {
            let (text, malformed) = decode_counting(encoding, head);
            let p = hanzi::plausibility(&text);
            let pairs_hold = malformed.saturating_mul(20) <= p.han as u64;
            // Most of the high bytes read as Han characters (not kana, symbols or soup).
            let han_bytes = 2 * p.han >= high * 3 / 4;
            let common = p.common * 100 >= p.han * 85;
            (p.han >= MIN_HAN && pairs_hold && han_bytes && common).then_some((encoding, p.mean_cost))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(encoding, _)| encoding)
}

/// Whether a multi-byte reading of `bytes` puts its non-ASCII characters one by one into Latin
/// words (`Sch〕er`, `pon｡an`): at least half of them stand alone, touching an ASCII letter.
/// CJK text runs its characters together; a lone one against a Latin word (`iPhone版`) is
/// the exception, not half the text.
fn reads_as_latin_words(encoding: &'static Encoding, bytes: &[u8]) -> bool {
    const HEAD: usize = 64 * 1024;
    let (text, _) = decode_counting(encoding, &bytes[..bytes.len().min(HEAD)]);
    let chars: Vec<char> = text.chars().collect();
    let (mut non_ascii, mut lone_in_words) = (0usize, 0usize);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii() {
            continue;
        }
        non_ascii += 1;
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let alone = before.is_none_or(|b| b.is_ascii()) && after.is_none_or(|a| a.is_ascii());
        let touches_letter =
            before.is_some_and(|b| b.is_ascii_alphabetic()) || after.is_some_and(|a| a.is_ascii_alphabetic());
        lone_in_words += usize::from(alone && touches_letter);
    }
    non_ascii > 0 && lone_in_words * 2 >= non_ascii
}

fn malformed_count(encoding: &'static Encoding, bytes: &[u8]) -> u64 {
    decode_counting(encoding, &bytes[..bytes.len().min(256 * 1024)]).1
}

/// The last label of the URL's host, lower case, if it is a plain ASCII label (chardetng
/// panics on anything else).
fn top_level_domain(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let host = if host.starts_with('[') {
        return None;
    } else {
        host.split(':').next()?
    };
    let tld = host.trim_end_matches('.').rsplit('.').next()?.to_ascii_lowercase();
    let valid = !tld.is_empty()
        && tld
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    (valid && !tld.bytes().all(|b| b.is_ascii_digit())).then_some(tld)
}

/// How `bytes` fare as UTF-8.
#[derive(Debug, Clone, Copy, Default)]
struct Utf8Stats {
    /// Well-formed multi-byte sequences, and how many of them are 3 or 4 bytes long.
    sequences: usize,
    long_sequences: usize,
    /// Malformed sequences.
    malformed: u64,
}

impl Utf8Stats {
    /// `valid`: whether all of `bytes` are valid UTF-8, as the caller already knows.
    fn of(bytes: &[u8], valid: bool) -> Utf8Stats {
        let mut stats = Utf8Stats::default();
        if bytes.is_ascii() {
            return stats;
        }
        let (mut leads, mut long_leads) = (0usize, 0usize);
        for &b in bytes {
            leads += usize::from(b >= 0xC0);
            long_leads += usize::from(b >= 0xE0);
        }
        if valid {
            // Valid: every lead byte starts a sequence.
            stats.sequences = leads;
            stats.long_sequences = long_leads;
            return stats;
        }
        let mut rest = bytes;
        loop {
            match std::str::from_utf8(rest) {
                Ok(valid) => {
                    stats.count_sequences(valid);
                    break;
                }
                Err(err) => {
                    let (valid, after) = rest.split_at(err.valid_up_to());
                    // Checked by from_utf8 above.
                    stats.count_sequences(std::str::from_utf8(valid).unwrap_or_default());
                    stats.malformed += 1;
                    match err.error_len() {
                        Some(len) => rest = &after[len..],
                        None => break,
                    }
                }
            }
        }
        stats
    }

    fn count_sequences(&mut self, valid: &str) {
        for c in valid.chars() {
            match c.len_utf8() {
                1 => {}
                2 => self.sequences += 1,
                _ => {
                    self.sequences += 1;
                    self.long_sequences += 1;
                }
            }
        }
    }

    /// Valid UTF-8 whose non-ASCII content could hardly be anything else: text in a legacy
    /// encoding forms a valid multi-byte sequence by accident now and then, a whole document of
    /// them only when it is very short.
    fn is_convincing_utf8(&self) -> bool {
        self.malformed == 0 && (self.long_sequences >= 1 || self.sequences >= 2)
    }

    /// Mostly malformed as UTF-8: at least half of the non-ASCII sequences broken (text in a
    /// legacy encoding forms a valid sequence by accident only now and then).
    fn invalid_throughout(&self) -> bool {
        self.malformed >= 2 && self.malformed >= self.sequences as u64
    }
}

/// Decodes, replacing malformed sequences with U+FFFD and counting them.
///
/// The decoder writes into a fixed scratch buffer, whose output is appended to the text: time
/// linear in the input however many malformed sequences it holds. (encoding_rs's
/// `decode_to_string_*` initialises the string's whole spare capacity on every call, and
/// counting needs a call per malformed sequence: a page of 0xFF bytes took its length squared.)
/// The text's capacity is reserved for the usual case and only touched as it fills.
pub fn decode_counting(encoding: &'static Encoding, bytes: &[u8]) -> (String, u64) {
    const SCRATCH: usize = 16 * 1024;
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len());
    let mut text = String::with_capacity(capacity);
    let mut scratch = [0u8; SCRATCH];
    let mut malformed = 0;
    let mut rest = bytes;
    loop {
        let (result, read, written) = decoder.decode_to_utf8_without_replacement(rest, &mut scratch, true);
        rest = &rest[read..];
        // encoding_rs writes whole characters: the scratch holds valid UTF-8 after every call.
        text.push_str(std::str::from_utf8(&scratch[..written]).unwrap_or_default());
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::Malformed(_, _) => {
                malformed += 1;
                text.push('\u{FFFD}');
            }
            // The scratch is full: emptied above, the next call goes on.
            DecoderResult::OutputFull => {}
        }
    }
    (text, malformed)
}

#[cfg(test)]
mod tests;
