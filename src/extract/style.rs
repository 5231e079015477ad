//! Whether CSS hides an element: its inline `style`, the rules of the page's own `<style>`
//! sheets that name it by class, id or tag, the `hidden` attributes, and text coloured like the
//! background it stands on (`<font color="#FFFFFF">` on a white page).
//!
//! Pages hide SEO spam in every way a browser offers: `display:none`, `visibility:hidden`,
//! `font-size:0`, `height:0` with `overflow:hidden`, a large negative `text-indent`, an
//! off-screen position, zero opacity, a clip to nothing, or text the colour of its background.
//! Each of these is read from one declaration block; a rule in a style sheet counts only when
//! its selector is simple (a tag, a class or an id, optionally after a tag) and no other rule
//! of the page shows what it hides (`.tab{display:none} .tab.on{display:block}`: a widget, not
//! a hiding place) or, for `font-size:0`, resets the size below (`.list{font-size:0} .list
//! li{font-size:14px}`: a layout trick). Rules inside at-rules (`@media`) apply only sometimes
//! and are left out.
//!
//! A theme ships one large sheet for every page of a site; a page uses a few of its names. Only
//! rules whose selectors name a tag, class or id some element of the page carries are read
//! ([`PageNames`]): the others can apply to no element of it, so their declarations are never
//! parsed and their names never stored.

use ahash::{AHashMap as HashMap, AHashSet as HashSet};

use html5ever::local_name;

use super::dom::{Data, Dom, Element};

mod color;

use color::indistinguishable;
pub use color::{Paint, paint};

/// What one declaration block says about visibility and colour.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Decls {
    /// Hidden by itself (display, visibility, size, position, opacity, clip, indent).
    pub hides: bool,
    /// Hidden only by `font-size:0`, which children may undo.
    pub zero_font: bool,
    /// Sets a visible `display`, `visibility`, `opacity` or a font size (undoes a hiding rule).
    pub shows: bool,
    /// Sets a font size other than 0.
    pub sizes_font: bool,
    pub color: Option<Paint>,
    pub background: Option<Paint>,
}

/// The rules of a page's `<style>` sheets that the hiding judgement uses.
#[derive(Debug, Default)]
pub struct StyleSheet {
    /// What the rules say about each name (`.x`, `#x`, `tag`): one map, so that an element's
    /// name is hashed and looked up once.
    names: HashMap<String, Named>,
    /// Some name has declarations of its own.
    any_simple: bool,
    /// Some name is painted.
    any_painted: bool,
}

/// What the sheet says about one name (`.x`, `#x`, `tag`).
#[derive(Debug, Default)]
struct Named {
    /// Declarations of the simple selector that is this name, merged in sheet order.
    simple: Option<Decls>,
    /// Named in the selector of a rule that shows something: a rule hiding it may be undone.
    shown: bool,
    /// Named in the selector of a rule that sets a font size: `font-size:0` on it may be undone
    /// below it.
    resized: bool,
    /// Named in the selector of a rule other than a simple one that sets a background: where it
    /// applies, the background cannot be told.
    painted: bool,
}

/// The tags, classes and ids the elements of a page carry: the only names through which
/// [`StyleSheet::for_element`] looks a rule up.
#[derive(Debug, Default)]
struct PageNames<'d> {
    tags: HashSet<&'d str>,
    classes: HashSet<&'d str>,
    ids: HashSet<&'d str>,
}

impl<'d> PageNames<'d> {
    fn of(dom: &'d Dom) -> PageNames<'d> {
        let mut names = PageNames::default();
        for node in &dom.nodes {
            let Data::Element(element) = &node.data else {
                continue;
            };
            names.tags.insert(&*element.name.local);
            if let Some(class) = element.attr("class") {
                names.classes.extend(class.split_ascii_whitespace());
            }
            if let Some(id) = element.attr("id") {
                names.ids.insert(id.trim());
            }
        }
        names
    }

    /// Whether some element carries `key` (`tag`, `.class` or `#id`), as `for_element` spells
    /// its keys.
    fn uses(&self, key: &str) -> bool {
        match key.as_bytes().first() {
            Some(b'.') => self.classes.contains(&key[1..]),
            Some(b'#') => self.ids.contains(&key[1..]),
            _ => self.tags.contains(key),
        }
    }
}

impl StyleSheet {
    /// Reads the rules of `sheets` (the bodies of a page's `<style>` elements) that may apply to
    /// an element of `dom`.
    pub fn parse<'a>(sheets: impl IntoIterator<Item = &'a str>, dom: &Dom) -> StyleSheet {
        let mut sheet = StyleSheet::default();
        let mut page = None;
        for css in sheets {
            if !css.contains('{') {
                continue;
            }
            let page = page.get_or_insert_with(|| PageNames::of(dom));
            sheet.add(css, false, page);
        }
        sheet
    }

    pub fn is_empty(&self) -> bool {
        !self.any_simple && !self.any_painted
    }

    /// Changes what the sheet says about `name`, adding it if new.
    fn named(&mut self, name: &str, change: impl FnOnce(&mut Named)) {
        match self.names.get_mut(name) {
            Some(named) => change(named),
            None => {
                let mut named = Named::default();
                change(&mut named);
                self.names.insert(name.to_owned(), named);
            }
        }
    }

    /// Reads the rules of `css`; `conditional` ones (inside `@media`, `@supports`) apply only
    /// sometimes: they may show what other rules hide, but hide nothing themselves.
    fn add(&mut self, css: &str, conditional: bool, page: &PageNames<'_>) {
        let bytes = css.as_bytes();
        let mut at = 0;
        let mut prelude_start = 0;
        while at < bytes.len() {
            // Between blocks only these four bytes mean anything: the selectors between them
            // are skipped with `memchr` (a block is skipped whole by `block_end`).
            let Some(next) = next_structural(bytes, at) else {
                break;
            };
            at = next;
            match bytes[at] {
                b'/' if bytes.get(at + 1) == Some(&b'*') => {
                    at = find(bytes, at + 2, *b"*/").map_or(bytes.len(), |end| end + 2);
                    if css[prelude_start..at].trim_start().starts_with("/*") {
                        prelude_start = at;
                    }
                }
                b';' if css[prelude_start..at].trim_start().starts_with('@') => {
                    // A statement at-rule (`@import url(x);`).
                    at += 1;
                    prelude_start = at;
                }
                b'{' => {
                    let prelude = strip_comments(&css[prelude_start..at]);
                    let prelude = prelude.trim_start();
                    let end = block_end(bytes, at);
                    let body = &css[at + 1..end.saturating_sub(1).max(at + 1)];
                    if !prelude.starts_with('@') {
                        self.rule(prelude, body, conditional, page);
                    } else if [
                        "@media",
                        "@supports",
                        "@container",
                        "@layer",
                        "@document",
                        "@-moz-document",
                    ]
                    .iter()
                    .any(|at_rule| prelude.starts_with(at_rule))
                    {
                        self.add(body, true, page);
                    }
                    at = end;
                    prelude_start = at;
                }
                b'}' => {
                    at += 1;
                    prelude_start = at;
                }
                _ => at += 1,
            }
        }
    }

    /// One rule: `prelude`, its selectors (comments already stripped by [`Self::add`]), and `body`.
    fn rule(&mut self, prelude: &str, body: &str, conditional: bool, page: &PageNames<'_>) {
        // Everything the rule stores is keyed by a name of its selectors (a simple selector's
        // key is one of them); a name no element carries is never looked up.
        if !selectors(prelude).any(|selector| used_names(selector.trim(), page).next().is_some()) {
            return;
        }
        let decls = declarations(body);
        if decls == Decls::default() {
            return;
        }
        for selector in selectors(prelude) {
            let selector = selector.trim();
            if selector.is_empty() {
                continue;
            }
            let simple = simple_key(selector);
            // Everything the rule names may be shown or resized by it (`.tab.on`, `.list li`,
            // `.menu:hover .sub`).
            if decls.shows || decls.sizes_font {
                for name in used_names(selector, page) {
                    self.named(name, |named| {
                        named.shown |= decls.shows;
                        named.resized |= decls.sizes_font;
                    });
                }
            }
            match simple {
                Some(_) if conditional => {}
                Some(key) if page.uses(key) => {
                    self.named(key, |named| merge(named.simple.get_or_insert_default(), &decls));
                    self.any_simple = true;
                }
                Some(_) => {}
                None if decls.background.is_some() => {
                    for name in used_names(selector, page) {
                        self.named(name, |named| named.painted = true);
                        self.any_painted = true;
                    }
                }
                None => {}
            }
        }
    }

    /// The declarations the sheet gives `element` through its tag, classes and id.
    fn for_element(&self, element: &Element) -> (Decls, bool) {
        let mut decls = Decls::default();
        let mut painted = false;
        if self.is_empty() {
            return (decls, painted);
        }
        let mut key = String::new();
        let mut apply = |key: &str, decls: &mut Decls| {
            let Some(named) = self.names.get(key) else {
                return;
            };
            if let Some(mut found) = named.simple {
                if named.shown {
                    found.hides = false;
                }
                if named.resized {
                    found.zero_font = false;
                }
                merge(decls, &found);
            }
            painted |= named.painted;
        };
        // A rule on a tag colours but never hides: `html{display:none}` is a frame-buster's,
        // undone by its script.
        apply(&element.name.local, &mut decls);
        decls.hides = false;
        decls.zero_font = false;
        if let Some(class) = element.attr("class") {
            for name in class.split_ascii_whitespace() {
                key.clear();
                key.push('.');
                key.push_str(name);
                apply(&key, &mut decls);
            }
        }
        if let Some(id) = element.attr("id") {
            key.clear();
            key.push('#');
            key.push_str(id.trim());
            apply(&key, &mut decls);
        }
        (decls, painted)
    }
}

/// The first occurrence of the two bytes `pair` (`/*`, `*/`) at or after `from`. Found by its
/// first byte with `memchr`: a substring searcher costs more to set up than these short scans.
fn find(bytes: &[u8], from: usize, pair: [u8; 2]) -> Option<usize> {
    let mut at = from;
    loop {
        let i = at + memchr::memchr(pair[0], bytes.get(at..)?)?;
        if bytes.get(i + 1) == Some(&pair[1]) {
            return Some(i);
        }
        at = i + 1;
    }
}

/// The pieces of `text` between the bytes `separator` (`str::split` on an ASCII character,
/// each found with `memchr` rather than through a char searcher set up per piece).
fn split_at_byte(text: &str, separator: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let piece = rest?;
        match memchr::memchr(separator, piece.as_bytes()) {
            Some(i) => {
                rest = Some(&piece[i + 1..]);
                Some(&piece[..i])
            }
            None => {
                rest = None;
                Some(piece)
            }
        }
    })
}

/// The selectors of a rule's prelude, as written between its commas.
fn selectors(prelude: &str) -> impl Iterator<Item = &str> {
    split_at_byte(prelude, b',')
}

/// The first `/`, `;`, `{` or `}` at or after `from`: the bytes [`StyleSheet::add`] acts on.
fn next_structural(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = &bytes[from..];
    let stop = memchr::memchr3(b'{', b'}', b';', rest);
    let slash = memchr::memchr(b'/', &rest[..stop.unwrap_or(rest.len())]);
    slash.or(stop).map(|i| from + i)
}

/// The end (one past the `}`) of the block opened at `open`, nested blocks and strings skipped.
/// Theme sheets are mostly declaration blocks: the bytes between braces and quotes are skipped
/// with `memchr`.
fn block_end(bytes: &[u8], open: usize) -> usize {
    let mut depth = 0usize;
    let mut at = open;
    while at < bytes.len() {
        let Some(next) = memchr::memchr3(b'}', b'"', b'\'', &bytes[at..]).map(|i| at + i) else {
            return bytes.len();
        };
        if let Some(i) = memchr::memchr(b'{', &bytes[at..next]) {
            depth += 1;
            at += i + 1;
            continue;
        }
        let quote = bytes[next];
        if quote == b'}' {
            depth -= 1;
            if depth == 0 {
                return next + 1;
            }
            at = next + 1;
            continue;
        }
        // A string: to its closing quote, escaped characters skipped.
        at = next + 1;
        loop {
            let Some(i) = bytes.get(at..).and_then(|rest| memchr::memchr2(quote, b'\\', rest)) else {
                return bytes.len();
            };
            if bytes[at + i] == quote {
                at += i + 1;
                break;
            }
            at += i + 2;
        }
    }
    bytes.len()
}

/// [`block_end`] as it reads the block byte by byte, for its test.
#[cfg(test)]
fn block_end_bytewise(bytes: &[u8], open: usize) -> usize {
    let mut depth = 0usize;
    let mut at = open;
    let mut quote: Option<u8> = None;
    while at < bytes.len() {
        let b = bytes[at];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) if b == b'\\' => at += 1,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return at + 1;
                    }
                }
                _ => {}
            },
        }
        at += 1;
    }
    bytes.len()
}

fn strip_comments(text: &str) -> std::borrow::Cow<'_, str> {
    if find(text.as_bytes(), 0, *b"/*").is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// `tag`, `.class`, `#id`, `tag.class` or `tag#id` (the tag dropped): the selectors whose rules
/// are applied.
fn simple_key(selector: &str) -> Option<&str> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_' || !c.is_ascii();
    let (tag, rest) = selector.split_at(selector.find(['.', '#']).unwrap_or(selector.len()));
    if !tag.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    if rest.is_empty() {
        return (!tag.is_empty() && tag.starts_with(|c: char| c.is_ascii_alphabetic())).then_some(tag);
    }
    (rest.len() > 1 && rest[1..].chars().all(is_name)).then_some(rest)
}

/// The tags, classes and ids a selector names, as keys (`tag`, `.class`, `#id`).
fn names(selector: &str) -> impl Iterator<Item = &str> + '_ {
    let bytes = selector.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let c = bytes[at];
            let prefix = matches!(c, b'.' | b'#');
            let starts_name = prefix
                || (c.is_ascii_alphabetic()
                    && (at == 0 || matches!(bytes[at - 1], b' ' | b'>' | b'+' | b'~' | b',' | b'\t' | b'\n')));
            if !starts_name {
                at += 1;
                continue;
            }
            let start = at;
            at += 1;
            while at < bytes.len()
                && (bytes[at].is_ascii_alphanumeric() || matches!(bytes[at], b'-' | b'_') || bytes[at] >= 0x80)
            {
                at += 1;
            }
            if at > start + usize::from(prefix) {
                return Some(&selector[start..at]);
            }
        }
        None
    })
}

/// The names of `selector` that some element of the page carries.
fn used_names<'s>(selector: &'s str, page: &'s PageNames<'_>) -> impl Iterator<Item = &'s str> {
    names(selector).filter(|name| page.uses(name))
}

/// Later declarations win, as in the cascade of equal specificity.
fn merge(into: &mut Decls, from: &Decls) {
    if from.hides || from.shows {
        into.hides = from.hides;
        into.shows = from.shows;
    }
    if from.zero_font || from.sizes_font {
        into.zero_font = from.zero_font;
        into.sizes_font = from.sizes_font;
    }
    if from.color.is_some() {
        into.color = from.color;
    }
    if from.background.is_some() {
        into.background = from.background;
    }
}

/// The properties [`declarations`] reads; every other one is skipped unread. A `match` (by
/// length, then bytes) rather than a scan of a list: most declarations of a sheet are of other
/// properties, and each would be compared with every entry.
fn is_watched(prop: &[u8]) -> bool {
    matches!(
        prop,
        b"display"
            | b"visibility"
            | b"opacity"
            | b"font-size"
            | b"height"
            | b"max-height"
            | b"width"
            | b"max-width"
            | b"overflow"
            | b"overflow-y"
            | b"overflow-x"
            | b"text-indent"
            | b"position"
            | b"left"
            | b"top"
            | b"right"
            | b"margin-left"
            | b"margin-top"
            | b"clip"
            | b"color"
            | b"background-color"
            | b"background"
    )
}

/// `value` without its trailing `!important`s (as `trim_end_matches` takes them, without the
/// substring searcher it builds on every call).
fn trim_important(mut value: &str) -> &str {
    while let Some(rest) = value.strip_suffix("!important") {
        value = rest;
    }
    value
}

/// Reads one declaration block (`display:none; color:#fff`).
pub fn declarations(block: &str) -> Decls {
    let mut decls = Decls::default();
    let mut position_out = false;
    let mut offset_far = false;
    let mut margin_far = false;
    let mut collapsed = false;
    let mut clipped_overflow = false;
    for decl in split_at_byte(block, b';') {
        let Some(colon) = memchr::memchr(b':', decl.as_bytes()) else {
            continue;
        };
        let (prop, value) = (&decl[..colon], &decl[colon + 1..]);
        // Most declarations of a theme's sheet (margins, fonts, colours of borders) say nothing
        // about hiding: their property is recognised without allocating, and only watched ones
        // have their value lowered.
        let mut lowered = [0u8; 16];
        let prop = prop.trim();
        let Some(prop) = lowered.get_mut(..prop.len()).map(|buf| {
            buf.copy_from_slice(prop.as_bytes());
            buf.make_ascii_lowercase();
            &*buf
        }) else {
            continue;
        };
        if !is_watched(prop) {
            continue;
        }
        let value = trim_important(value.trim()).trim().to_ascii_lowercase();
        match prop {
            b"display" => {
                if value == "none" {
                    decls.hides = true;
                    decls.shows = false;
                } else {
                    decls.shows = true;
                    decls.hides = false;
                }
            }
            b"visibility" => {
                if value == "hidden" || value == "collapse" {
                    decls.hides = true;
                    decls.shows = false;
                } else {
                    decls.shows = true;
                }
            }
            b"opacity" => {
                if length(&value).is_some_and(|v| v <= 0.01) {
                    decls.hides = true;
                } else {
                    decls.shows = true;
                }
            }
            b"font-size" => match length(&value) {
                Some(v) if v <= 1.0 => decls.zero_font = true,
                _ => decls.sizes_font = true,
            },
            b"height" | b"max-height" | b"width" | b"max-width" => {
                collapsed |= length(&value).is_some_and(|v| v <= 1.0)
            }
            b"overflow" | b"overflow-y" | b"overflow-x" => clipped_overflow |= value == "hidden" || value == "clip",
            b"text-indent" => decls.hides |= length(&value).is_some_and(|v| v <= -99.0),
            b"position" => position_out = matches!(value.as_str(), "absolute" | "fixed" | "relative"),
            b"left" | b"top" | b"right" => offset_far |= length(&value).is_some_and(|v| v <= -500.0),
            b"margin-left" | b"margin-top" => margin_far |= length(&value).is_some_and(|v| v <= -500.0),
            b"clip" => {
                let inner: String = value.chars().filter(|c| !c.is_whitespace() && *c != ',').collect();
                if inner.starts_with("rect(")
                    && inner
                        .trim_start_matches("rect(")
                        .trim_end_matches(')')
                        .chars()
                        .all(|c| matches!(c, '0' | 'p' | 'x'))
                {
                    decls.hides = true;
                }
            }
            b"color" => decls.color = paint(&value),
            b"background-color" | b"background" => {
                decls.background = if value.contains("url(") || value.contains("gradient") {
                    Some(Paint::Unknown)
                } else {
                    // The shorthand's colour is one of its words.
                    value.split_whitespace().find_map(paint).or(Some(Paint::Unknown))
                };
            }
            _ => {}
        }
    }
    if (collapsed && clipped_overflow) || (position_out && offset_far) || margin_far {
        decls.hides = true;
    }
    decls
}

/// A length or number (`0`, `-9999px`, `0.5em`, `0%`): its number. Units other than pixels are
/// scaled so that the thresholds read in pixels (an em as 16 px).
fn length(value: &str) -> Option<f32> {
    let value = value.trim();
    let end = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(value.len());
    let number: f32 = value[..end].parse().ok()?;
    let scale = match value[end..].trim() {
        "em" | "rem" => 16.0,
        "pt" => 1.33,
        "%" | "vw" | "vh" => 1.0,
        _ => 1.0,
    };
    Some(number * scale)
}

/// The colours in effect at an element: set by it or inherited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colors {
    /// The text colour, when some element on the way set one (the default is not judged: a
    /// page's background may be dark by its external style sheet).
    pub color: Option<Paint>,
    pub background: Paint,
}

impl Default for Colors {
    /// A page's canvas is white unless it says otherwise.
    fn default() -> Colors {
        Colors {
            color: None,
            background: Paint::Color([255, 255, 255]),
        }
    }
}

/// How an element's own markup and the page's sheets present it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub hidden: bool,
    /// The colours for its children.
    pub colors: Colors,
}

/// Judges `element` under the colours `inherited` from its parent.
pub fn judge(element: &Element, sheet: &StyleSheet, inherited: Colors) -> Verdict {
    let mut hidden_attribute = false;
    let mut inline = Decls::default();
    let mut font_color = None;
    let mut bgcolor = None;
    for attr in &element.attrs {
        match attr.name.local {
            local_name!("hidden") => hidden_attribute = true,
            local_name!("aria-hidden") if attr.value.trim().eq_ignore_ascii_case("true") => hidden_attribute = true,
            local_name!("style") => inline = declarations(&attr.value),
            local_name!("color") if element.name.local == local_name!("font") => font_color = paint(&attr.value),
            local_name!("bgcolor") => bgcolor = paint(&attr.value),
            _ => {}
        }
    }
    let (mut decls, painted) = sheet.for_element(element);
    merge(&mut decls, &inline);
    let color = decls.color.or(font_color);
    let background = decls.background.or(bgcolor);
    let colors = Colors {
        color: color.or(inherited.color),
        background: match background {
            Some(paint) => paint,
            None if painted => Paint::Unknown,
            None => inherited.background,
        },
    };
    // Judged where the text colour is set: a box that sets only its background (a dark banner)
    // has its text coloured by rules that cannot all be read here.
    let sets_color = color.is_some();
    let invisible = match (colors.color, colors.background) {
        (Some(Paint::Transparent), _) => true,
        (Some(Paint::Color(fg)), Paint::Color(bg)) => indistinguishable(fg, bg),
        _ => false,
    };
    let hidden = hidden_attribute || decls.hides || (decls.zero_font && !decls.sizes_font) || (sets_color && invisible);
    Verdict { hidden, colors }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::dom::{Data, Dom, Tag};

    /// The verdict on the element of class or id `k` of `html` (else its first `div` or `font`),
    /// its ancestors judged on the way.
    fn hidden(html: &str, css: &str) -> bool {
        let dom = Dom::parse(html);
        let sheet = StyleSheet::parse([css], &dom);
        let mut colors = vec![Colors::default(); dom.nodes.len()];
        for &id in &dom.preorder().order {
            let node = dom.node(id);
            let inherited = if node.parent == crate::extract::dom::NONE {
                Colors::default()
            } else {
                colors[node.parent as usize]
            };
            let Data::Element(element) = &node.data else {
                colors[id as usize] = inherited;
                continue;
            };
            let verdict = judge(element, &sheet, inherited);
            colors[id as usize] = verdict.colors;
            let named_k = |name: &str| {
                element
                    .attr(name)
                    .is_some_and(|v| v.split_whitespace().any(|w| w == "k"))
            };
            let has_k = html.contains("='k'");
            if named_k("class")
                || named_k("id")
                || (!has_k && (element.tag == Tag::Div || &*element.name.local == "font"))
            {
                return verdict.hidden;
            }
        }
        panic!("no div in {html}");
    }

    #[test]
    fn inline_styles_that_hide() {
        for style in [
            "display:none",
            "DISPLAY: NONE !important",
            "visibility:hidden",
            "font-size:0",
            "font-size:0px",
            "height:0;overflow:hidden",
            "width:1px; height:1px; overflow:hidden",
            "text-indent:-9999px",
            "text-indent:-999em",
            "position:absolute;left:-9999px;top:-9999px",
            "position:absolute; top:-3000px",
            "opacity:0",
            "position:absolute;clip:rect(0 0 0 0)",
            "color:transparent",
            "color:#fff",
            "color:#FFFFFF;background:#fff",
            "color:#000;background-color:black",
        ] {
            assert!(hidden(&format!("<div style='{style}'>x</div>"), ""), "{style}");
        }
    }

    #[test]
    fn inline_styles_that_do_not_hide() {
        for style in [
            "display:block",
            "font-size:14px",
            "height:0",
            "overflow:hidden",
            "text-indent:2em",
            "text-indent:-2em",
            "position:absolute;left:10px",
            "left:-9999px",
            "opacity:0.8",
            "color:#333",
            "color:#fff;background:#c00000",
            "color:#fff;background:url(banner.jpg)",
        ] {
            assert!(!hidden(&format!("<div style='{style}'>x</div>"), ""), "{style}");
        }
    }

    #[test]
    fn attributes_and_font_colours() {
        assert!(hidden("<div hidden>x</div>", ""));
        assert!(hidden("<div aria-hidden='true'>x</div>", ""));
        assert!(hidden("<p><font color='#FFFFFF'>x</font></p>", ""));
        assert!(hidden("<p><font color='white'>x</font></p>", ""));
        // On a dark table cell, white is legible.
        assert!(!hidden(
            "<table><tr><td bgcolor='#003366'><font color='#FFFFFF'>x</font></td></tr></table>",
            ""
        ));
        assert!(hidden(
            "<table><tr><td bgcolor='#003366'><font color='#003366'>x</font></td></tr></table>",
            ""
        ));
        assert!(!hidden("<p><font color='#FF0000'>x</font></p>", ""));
        // A dark page.
        assert!(!hidden(
            "<body bgcolor='#000000'><font color='#ffffff'>x</font></body>",
            ""
        ));
        assert!(hidden(
            "<body style='background:#000'><div style='color:#000'>x</div></body>",
            ""
        ));
        // A box that sets only its background colours its text by rules not read here.
        assert!(!hidden(
            "<body style='color:#222'><div style='background:#222'>x</div></body>",
            ""
        ));
        // The body's own background never hides the default text colour.
        assert!(!hidden("<body bgcolor='#000000'><div>x</div></body>", ""));
    }

    #[test]
    fn style_sheet_rules() {
        assert!(hidden("<div class='a b'>x</div>", ".b{display:none}"));
        assert!(hidden("<div id='k'>x</div>", "#k { display : none ; }"));
        assert!(hidden("<div class='k'>x</div>", "div.k{visibility:hidden}"));
        assert!(hidden(
            "<div class='k'>x</div>",
            "/* c */ .x, .k {height:0;overflow:hidden}"
        ));
        assert!(hidden("<div class='k'>x</div>", ".k{text-indent:-9999px}"));
        assert!(hidden("<div class='k'>x</div>", "body{margin:0} .k{color:#fff}"));
        assert!(hidden("<div class='k'>x</div>", "@import url(a.css); .k{display:none}"));
        assert!(!hidden("<div>x</div>", "html{display:none} div{visibility:hidden}"));
        // Shown again by another rule, in media queries only, or too complex a selector.
        assert!(!hidden(
            "<div class='k'>x</div>",
            ".k{display:none} .k.on{display:block}"
        ));
        assert!(!hidden(
            "<div class='k'>x</div>",
            "@media (max-width:600px){.k{display:none}}"
        ));
        assert!(!hidden(
            "<div class='k'>x</div>",
            ".k{display:none} @media (min-width:740px){.k{display:inline}}"
        ));
        assert!(!hidden("<div class='k'>x</div>", ".wrap .k{display:none}"));
        assert!(!hidden(
            "<div class='k'>x</div>",
            ".k{font-size:0} .k a{font-size:14px}"
        ));
        assert!(!hidden("<div class='k'>x</div>", ".m{display:none}"));
        // A background set by a rule that cannot be placed: white text may be legible.
        assert!(!hidden(
            "<div class='box'><div class='k' style='color:#fff'>x</div></div>",
            ".wrap .box{background:#333}"
        ));
    }

    #[test]
    fn colours() {
        assert_eq!(paint("#FFF"), Some(Paint::Color([255, 255, 255])));
        assert_eq!(paint("#fefefe"), Some(Paint::Color([254, 254, 254])));
        assert_eq!(paint("rgb(255, 255, 255)"), Some(Paint::Color([255, 255, 255])));
        assert_eq!(paint("rgba(0,0,0,0)"), Some(Paint::Transparent));
        assert_eq!(paint("White"), Some(Paint::Color([255, 255, 255])));
        assert_eq!(paint("ffffff"), Some(Paint::Color([255, 255, 255])));
        assert_eq!(paint("bold"), None);
    }

    #[test]
    fn block_ends_as_read_byte_by_byte() {
        let pieces = ["{", "}", "'", "\"", "\\", "a", ";", "{a:b}", "'}'", "\"\\\"}\""];
        // Every sequence of up to five pieces, the block opened at each brace.
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let mut longer = Vec::new();
            for text in &texts {
                for piece in pieces {
                    longer.push(format!("{text}{piece}"));
                }
            }
            texts.extend(longer);
            texts.sort();
            texts.dedup();
        }
        for text in &texts {
            let bytes = text.as_bytes();
            for (open, _) in bytes.iter().enumerate().filter(|&(_, &b)| b == b'{') {
                assert_eq!(
                    block_end(bytes, open),
                    block_end_bytewise(bytes, open),
                    "{text:?} at {open}"
                );
            }
        }
    }

    #[test]
    fn sheets_of_any_shape_end() {
        let dom = Dom::parse("<div class='a'>x</div>");
        for css in [
            "",
            "{",
            "}",
            ".a{",
            ".a{display:none",
            "@media{",
            "/*",
            "'{",
            ".a{content:'}'}",
            "@x;;{}}}",
        ] {
            let _ = StyleSheet::parse([css], &dom);
        }
    }
}
