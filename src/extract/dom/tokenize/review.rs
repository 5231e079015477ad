//! Adversarial differential tests of [`super::parse`] against html5ever alone: hand-written
//! edge cases, every prefix of them (markup cut off by the end of the input), and a random
//! generator of markup aimed at the edges of the tokenizer's states (attribute syntax, raw text,
//! foreign content, comments, character references, byte order marks, NUL and CR). Each input is
//! compared as it comes and as [`nesting::prepare`] leaves it (`extract` parses the latter, other
//! callers the former). A divergence is shrunk to a minimal input before it is reported.
//!
//! `PAGEWASH_REVIEW_FUZZ_N` (default 3 000) and `PAGEWASH_REVIEW_FUZZ_SEED` set the random run.

use std::panic::{AssertUnwindSafe, catch_unwind};

use super::super::super::nesting;
use super::super::Dom;
use super::tests::{arena, first_difference};
use crate::testing::Random;

/// What parsing `html` gives: the arena, or the panic.
fn outcome(parse: fn(&str) -> Dom, html: &str) -> String {
    match catch_unwind(AssertUnwindSafe(|| arena(&parse(html)))) {
        Ok(arena) => arena,
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            format!("PANIC {message}")
        }
    }
}

/// Whether `html` builds a different arena (or panics) on the fast path, raw or prepared.
fn diverges(html: &str) -> Option<String> {
    for (how, input) in [
        ("raw", html.to_string()),
        ("prepared", nesting::prepare(html).into_owned()),
    ] {
        let ours = outcome(Dom::parse, &input);
        let theirs = outcome(Dom::parse_with_html5ever_alone, &input);
        if let Some(diff) = first_difference(&ours, &theirs) {
            return Some(format!("{how} {input:?}\n{diff}"));
        }
    }
    None
}

/// `html` shrunk (whole characters dropped, in ever smaller runs) while it still diverges.
fn shrink(html: &str) -> String {
    let mut chars: Vec<char> = html.chars().collect();
    let mut run = chars.len().max(1);
    while run > 0 {
        let mut at = 0;
        while at < chars.len() {
            let mut candidate = chars.clone();
            candidate.drain(at..(at + run).min(chars.len()));
            let text: String = candidate.iter().collect();
            if diverges(&text).is_some() {
                chars = candidate;
            } else {
                at += run;
            }
        }
        run /= 2;
    }
    chars.into_iter().collect()
}

fn check_all<'a>(inputs: impl IntoIterator<Item = &'a str>) {
    let mut failures = Vec::new();
    let mut diverging = 0;
    for html in inputs {
        if diverges(html).is_some() {
            diverging += 1;
            // Shrinking is slow: the first few are enough to go on.
            if failures.len() < 8 {
                let small = shrink(html);
                let report = diverges(&small).unwrap_or_else(|| format!("(shrunk no longer diverges) {html:?}"));
                if !failures.contains(&report) {
                    failures.push(report);
                }
            }
        }
    }
    eprintln!("{diverging} diverging inputs");
    assert!(
        failures.is_empty(),
        "{} divergences:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Edge cases written by hand, one construct family per line group.
const CASES: &[&str] = &[
    // Attribute syntax.
    "<a href=x<y>t</a>",
    "<a href=a=b c='d\"e' f=\"g'h\" i=`j` k=l`m>t</a>",
    "<a b c d=>t</a><a b= >u</a><a b =c>v</a><a b= \"c\">w</a>",
    "<a/b>t</a><a/b/c/>u</a><a / b / >v</a><a b/ c>w</a>",
    "<a =x>t</a><a ==x>u</a><a b==c>v</a><a \"b\"=c 'd'=e <f=g>w</a>",
    "<a b=\"x\"c=d>t</a><a b='x'/>u</a><a b=x/>v</a><a b=x/ >w</a>",
    "<div ID=a id=b Id=c class=x CLASS=y>t</div><div Class=\"p\" class=\"q\">u</div>",
    "<div DATA-X=1 Data-Y=2 \u{e9}t\u{e9}=3 \u{c9}T\u{c9}=4 \u{4e2d}=5>t</div>",
    "<div a\u{c}b=1\tc=2\nd=3>t</div>",
    "<p\u{c}class=x>t</p><p\tclass=y>u</p>",
    "<img src=a alt=&amp=x title=&ampx data-a=&amp data-b=&amp; data-c=&amp;x>",
    "<a href=\"?a=1&b=2&amp;c=3&copy=4&copy;=5&not=6\">t</a>",
    "<a title=\"&#x26;&#38;&#x3C;&#60;&#xA0;&#160;&#x1F600;\">t</a>",
    "<a title='&#0;&#x80;&#x9F;&#xD800;&#xDFFF;&#x110000;&#xFFFF;&#xFDD0;&#1;&#x7F;&#13;'>t</a>",
    "<a title=&#65>t</a><a title='&#65'>u</a><a title='&#x41g'>v</a>",
    // Tag names.
    "<DIV>a</DIV><Div>b</dIV><SPAN CLASS=X>c</SPAN>",
    "<h7>a</h7><x1>b</x1><my-element>c</my-element><a1b2>d</a1b2>",
    "<a\u{4e2d}>a</a\u{4e2d}><\u{4e2d}>b</\u{4e2d}><p\u{e9}>c</P\u{c9}>",
    "<ab\u{0130}c>a</ab\u{0130}c>",
    "</p foo>a</p foo=bar><p>b</p/><p>c</p / >",
    "<div/>a<span/>b<p/>c<br/>d<br />e</br>f</br a=1>",
    "<table/>a<tr/>b<td/>c",
    // Foreign content.
    "<svg viewBox='0 0 1 1' preserveAspectRatio=x><foreignObject><p>a</p></foreignObject><clipPath/><linearGradient/></svg>",
    "<svg VIEWBOX=a><FOREIGNOBJECT><DIV>b</DIV></FOREIGNOBJECT></SVG>",
    "<math definitionURL=x><mi>a<svg><p>b</p></svg></mi><annotation-xml encoding=\"text/html\"><p>c</p></annotation-xml>",
    "<math><annotation-xml encoding=\"TEXT/HTML\"><div>c</div></annotation-xml><annotation-xml encoding=application/xhtml+xml><b>d</b></annotation-xml></math>",
    "<svg><p>break</p>after</svg>",
    "<svg><b>x</b><font>y</font><font color=1>z</font><font face=a size=b>w</font></svg>",
    "<svg><desc><p>a</p></desc><title><div>b</div></title><title>c</title></svg>",
    "<svg><![CDATA[a<b>c]]]]><p>d</svg><![CDATA[e]]><math><![CDATA[f]]></math>",
    "<svg><![CDATA[]]>\u{feff}a</svg>",
    "<svg><![CDATA[x",
    "<svg><![CDATA[x]]",
    "<math><mi><svg><foreignObject><math><mtext><![CDATA[a]]></mtext></math></foreignObject></svg></mi></math>",
    "<svg xlink:href=a xml:lang=b xmlns:xlink=c XLINK:HREF=d>t</svg>",
    "<svg><style>a<b>c</style><script>d<e>f</script><textarea>g<h>i</textarea><title>j</title></svg>",
    "<svg><script></script>\u{feff}a<script>b</script><![CDATA[]]>\u{feff}c</svg>",
    "<svg><plaintext><p>a</p></plaintext></svg>",
    "<svg><noscript>a<b>c</b></noscript><xmp>d</xmp><iframe>e</iframe><noembed>f</noembed><noframes>g</noframes></svg>",
    "<svg><title>a<title>b</title>",
    "<table><svg><foreignObject>a<![CDATA[b]]></foreignObject></svg></table>",
    "<svg><font color=red></font></svg><svg/><math/>x",
    // Tables.
    "<table>a<tr>b<td>c</td>d</tr>e<b>f</b>g</table>",
    "<table><input type=hidden><input TYPE=HIDDEN><input type=text><input type=\" hidden\"></table>",
    "<table><form><input></form><caption>a</caption><col><colgroup>x<col></colgroup>y</table>",
    "<table><tr><td><table><tr><td>a</table>b</td></tr></table>",
    "<table><template><td>a</td></template><tbody><style>b</style><script>c</script></table>",
    "<table>&amp;<tr>&#32;<td>x</td></tr>\u{0}</table>",
    // Template, select, frameset, plaintext.
    "<template><template><p>a</template>b</template>c",
    "<select><option>a<optgroup><option>b</select><select><select>c<input>d<textarea>e</textarea><script>f</script>",
    "<select><option>a<keygen>b</select><select><title>c</title><style>d</style></select>",
    "<frameset><frame><noframes>a<p>b</noframes></frameset><noframes>c</noframes>d",
    "<frameset><title>a</title><style>b</style><textarea>c</textarea><p>d</frameset>",
    "<html><frameset></frameset></html><noframes>x</noframes>",
    "<plaintext>a</plaintext><p>b",
    "<PLAINTEXT>a\u{0}b\rc",
    "<table><plaintext>a</table>",
    // Raw text elements.
    "<noscript>a<p>b</p></noscript><noembed><i>c</i></noembed><noframes>d</noframes><iframe>e<b>f</b></iframe>",
    "<xmp><p>a</p></xmp><textarea><p>b</p>&amp;</textarea><title><p>c</p>&lt;</title><style>a&amp;b</style>",
    "<script>a</scri</script><script>b</SCRIPT\t><script>c</script\u{c}><script>d</script\n/></script>",
    "<script>a</scriptx</script><script>b</script",
    "<style>a</styl</style><style>b</stylex></style><style>c</STYLE foo=bar>d",
    "<title>a</titl</title><title>b</title/><textarea>c</textarea x>d",
    "<script><!--a</script>b",
    "<script><!--<script>a</script>b</script>c-->d</script>e",
    "<script><!--<script >a</script >b-->c</script>d",
    "<script><!--<SCRIPT>a</SCRIPT>b</script>c",
    "<script><!--<script\u{c}a</script\u{c}b</script>c",
    "<script><!--<scripts>a</script>b",
    "<script><!---->a</script>b",
    "<script><!--->a</script>b<script><!-->c</script>d",
    "<script><!-- <!-- --></script>a",
    "<script><!--<script>--></script>a</script>b",
    "<script><!--<script><!--</script>a</script>b",
    "<script><!--</scrip</script>a",
    "<script><!--<script/>a</script>b</script>c",
    "<script><!--<\u{4e2d}>a</script>b",
    "<script>a\u{0}b</script>c<script>d\re</script>f",
    "<script></script>\u{feff}a",
    "<script></script></>\u{feff}a",
    "<meta charset=utf-8></>\u{feff}a",
    "<meta charset=utf-8>\u{feff}\u{feff}a",
    "<meta charset=utf-8><!---->\u{feff}a",
    "<meta charset=utf-8><!-- -->\u{feff}a",
    "<meta http-equiv=content-type content='text/html;charset=gbk'></>\u{feff}a",
    "<script>a</script><![CDATA[]]>\u{feff}b",
    "<svg><script>a</script></>\u{feff}b</svg>",
    "<script>a</script></x>\u{feff}b",
    "<script>a</script ></>\u{feff}b",
    "<script>a</script a=\"\u{feff}\">\u{feff}b",
    "<noscript>\u{feff}a</noscript>\u{feff}b",
    "<textarea>\u{feff}</textarea>\u{feff}",
    // Comments.
    "<!-->a<!--->b<!---->c<!----->d<!--a-->e<!--a--->f<!--a--!>g<!--a--!->h-->i",
    "<!--<!-->a<!--<!--->b<!--<!--!>c<!--a<!--b-->d<!-- -- -->e",
    "<!---!>a-->b<!----!>c<!-- --!-->d",
    "<!--\u{0}-->a<!--\r\n-->b",
    "<!--",
    "<!--a",
    "<!--a-",
    "<!--a--",
    "<!--a--!",
    // Doctypes and bogus comments.
    "<!DOCTYPE html>a<!doctype html>b<!DocType>c<!DOCTYPE>d",
    "<!DOCTYPE html PUBLIC \"a>b\" 'c'>x",
    "<!DOCTYPE html SYSTEM 'a",
    "<?x>a<?xml version=1?>b</ x>c</3>d<!x>e<!-x>f<![CDATA[g]]>h</>i",
    "<?",
    "</ ",
    "<!",
    "<!-",
    "<!D",
    // Character references in text.
    "&amp;&amp&ampx&amp=&amp;x&AMP;&AMP&Amp;&lt&lt;&LT;&gt&GT;&quot&QUOT;",
    "&not&not;&notin&notin;&noti;&notit;&NotNestedLessLess;&NotNestedLessLess",
    "&#0;&#00;&#x0;&#x00000000000041;&#65&#65;&#x41&#x41;&#X41;&#x;&#;&#a;",
    "&#128;&#x80;&#x81;&#x8D;&#x9F;&#150;&#159;&#xA0;",
    "&#xD7FF;&#xD800;&#xDBFF;&#xDC00;&#xDFFF;&#xE000;&#xFDD0;&#xFDEF;&#xFFFE;&#xFFFF;&#x1FFFE;&#x10FFFF;&#x110000;",
    "&#1114111;&#1114112;&#99999999999999999999;&#xFFFFFFFFFFFFFFFF;",
    "&#1;&#8;&#9;&#10;&#11;&#12;&#13;&#14;&#31;&#32;&#126;&#127;",
    "a&\u{4e2d};b&;c&#\u{4e2d};d&x\u{4e2d};",
    "&nbsp&nbsp;&nbspx&Aacute&aacute;&acE;&bne;&fjlig;",
    "<p>a&amp;b</p><p>c&amp</p><p>d&</p>&",
    "<title>&amp</title><title>&amp;</title><textarea>&notin</textarea><textarea>&#128;</textarea>",
    // Byte order marks.
    "\u{feff}",
    "\u{feff}\u{feff}",
    "\u{feff}<p>a",
    "\u{feff}<!---->\u{feff}",
    "<p>\u{feff}a</p>\u{feff}<p>b",
    "<meta charset=x>\u{feff}",
    "<head><meta charset=x><meta charset=y>\u{feff}a</head>\u{feff}b",
    "<head><meta charset=x>\u{feff}<meta charset=y>\u{feff}a",
    "<body><meta charset=x>\u{feff}a",
    // NUL, CR, CRLF, form feeds.
    "\u{0}<p>\u{0}a\u{0}</p>\u{0}",
    "a\r\nb\rc\n\rd\r",
    "<p\r\n>a</p\r\n><p class=\"x\r\ny\">b</p>",
    "<pre>\r\na</pre><pre>\ra</pre><textarea>\r\nb</textarea><listing>\rc</listing>",
    "<pre>\u{c}a</pre>\u{c}<p>\u{c}b\u{c}</p>",
    "<title>\r\n</title><style>\r</style><script>\r\n</script>",
    "<p>a\r",
    "<script>a\r",
    "<!--\r",
    "<div \u{0}a=1>x</div><div a\u{0}=1>y</div><div a=\u{0}>z</div><\u{0}div>w",
    // Whitespace and text placement.
    "<html> <head> </head> <body> </body> </html> ",
    "\n\n<html>\n<head>\n<title>a</title>\n</head>\n<body>\n<p>b\n</body>\n</html>\n\n",
    "</html>a</body>b</head>c",
    "<head>a<link>b</head>c",
    "<p>a<p>b<li>c<dd>d<dt>e<h1>f<h2>g</h1>h",
    "<a>1<b>2<a>3</b>4</a>",
    "<nobr>a<nobr>b</nobr>c",
    "<image src=x><isindex><keygen><menuitem>a",
];

#[test]
fn edge_cases_build_the_same_arena() {
    check_all(CASES.iter().copied());
}

#[test]
fn every_prefix_of_the_edge_cases_builds_the_same_arena() {
    let mut prefixes = Vec::new();
    for html in CASES {
        for (i, _) in html.char_indices().skip(1) {
            prefixes.push(&html[..i]);
        }
    }
    check_all(prefixes);
}

const TAG_NAMES: &[&str] = &[
    "p",
    "P",
    "div",
    "DiV",
    "span",
    "a",
    "A",
    "b",
    "i",
    "br",
    "BR",
    "img",
    "input",
    "table",
    "TABLE",
    "tr",
    "td",
    "th",
    "tbody",
    "caption",
    "col",
    "colgroup",
    "form",
    "select",
    "option",
    "optgroup",
    "li",
    "ul",
    "h1",
    "pre",
    "listing",
    "textarea",
    "title",
    "TITLE",
    "style",
    "script",
    "SCRIPT",
    "sCrIpT",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "template",
    "svg",
    "SVG",
    "math",
    "mi",
    "mtext",
    "annotation-xml",
    "foreignObject",
    "foreignobject",
    "desc",
    "font",
    "frameset",
    "frame",
    "head",
    "body",
    "html",
    "meta",
    "link",
    "base",
    "button",
    "nobr",
    "image",
    "hr",
    "h7",
    "x1",
    "my-el",
    "a\u{4e2d}",
    "\u{e9}",
    "clipPath",
    "path",
    "g",
    "use",
    "section",
    "article",
    "header",
    "main",
    "aside",
    "center",
    "embed",
    "object",
    "param",
    "marquee",
];

const ATTRIBUTE_NAMES: &[&str] = &[
    "class",
    "CLASS",
    "Class",
    "id",
    "ID",
    "href",
    "src",
    "type",
    "TYPE",
    "charset",
    "http-equiv",
    "content",
    "encoding",
    "viewBox",
    "viewbox",
    "definitionURL",
    "xlink:href",
    "xml:lang",
    "xmlns",
    "color",
    "face",
    "size",
    "data-x",
    "aria-label",
    "\u{e9}t\u{e9}",
    "\u{c9}",
    "=",
    "=x",
    "\"",
    "'a",
    "<b",
    "`c",
    "a&amp;",
    "shadowrootmode",
    "name",
    "value",
    "selected",
    "hidden",
];

const ATTRIBUTE_VALUES: &[&str] = &[
    "",
    "x",
    "hidden",
    "HIDDEN",
    "text/html",
    "TEXT/HTML",
    "application/xhtml+xml",
    "utf-8",
    "text/html; charset=gbk",
    "red",
    "open",
    "a<b",
    "a=b",
    "a'b",
    "a\"b",
    "a`b",
    "a>b",
    "a/b",
    "/",
    "&amp;",
    "&amp",
    "&amp=1",
    "&ampx",
    "&amp;x",
    "&not",
    "&notin;",
    "&noti;",
    "&#65;",
    "&#65",
    "&#x41;",
    "&#0;",
    "&#128;",
    "&#xD800;",
    "&#x110000;",
    "&",
    "&;",
    "&#;",
    "?a=1&b=2",
    "\u{4e2d}",
    "\u{feff}",
    "a\u{0}b",
    "a\rb",
    "a\r\nb",
    "a\u{c}b",
    "0 0 1 1",
];

const TEXTS: &[&str] = &[
    "x",
    " ",
    "\n",
    "  \n  ",
    "\t",
    "\u{c}",
    "\r",
    "\r\n",
    "\u{0}",
    "\u{feff}",
    "\u{4e2d}\u{6587}",
    "<",
    "< ",
    "<3",
    "a<\u{4e2d}",
    ">",
    "&",
    "& ",
    "&amp;",
    "&amp",
    "&AMP;",
    "&ampx",
    "&lt;",
    "&lt",
    "&gt;",
    "&nbsp;",
    "&nbsp",
    "&not",
    "&notin;",
    "&noti;",
    "&notit;",
    "&copy;",
    "&copy",
    "&foo;",
    "&#10;",
    "&#13;",
    "&#32;",
    "&#65;",
    "&#65",
    "&#x41;",
    "&#X41;",
    "&#0;",
    "&#128;",
    "&#x80;",
    "&#x9F;",
    "&#xD800;",
    "&#xFFFE;",
    "&#x10FFFF;",
    "&#x110000;",
    "&#1114111;",
    "&#0000065;",
    "&#;",
    "&#x;",
    "&#",
    "]]>",
    "-->",
    "--!>",
    "-",
    "]]",
];

const CONSTRUCTS: &[&str] = &[
    "<!---->",
    "<!-->",
    "<!--->",
    "<!-- a -->",
    "<!--a--!>",
    "<!--<!-->",
    "<!--a<!--b-->",
    "<!----!>",
    "<!--",
    "<!DOCTYPE html>",
    "<!doctype html public \"a>b\">",
    "<!DOCTYPE",
    "<?xml x?>",
    "<?",
    "</ x>",
    "</>",
    "</3>",
    "<!x>",
    "<!",
    "<![CDATA[",
    "<![CDATA[a<b>]]>",
    "<![CDATA[]]>",
    "]]>",
    "</",
    "<",
];

const RAW_BODIES: &[&str] = &[
    "",
    "a",
    "<p>",
    "</p>",
    "<!--",
    "-->",
    "<!-->",
    "<!--<script>",
    "<script>",
    "</script",
    "</scrip",
    "</scriptx>",
    "</script >",
    "</SCRIPT>",
    "<script ",
    "</script\n",
    "-",
    "--",
    "<",
    "</",
    "&amp;",
    "&amp",
    "&#10;",
    "\u{0}",
    "\r",
    "\r\n",
    "\u{feff}",
    "\n",
    "</title",
    "</style",
    "</textarea>",
    "</title>",
    "</style>",
    "</xmp>",
    "</noscript>",
    "</iframe>",
];

const RAW_ELEMENTS: &[&str] = &[
    "script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript", "SCRIPT", "Title",
];

const SEPARATORS: &[&str] = &[
    " ", " ", " ", "\n", "\t", "\u{c}", "/", " / ", "\r\n", "\r", "\u{0}", "",
];

fn tag(random: &mut Random, out: &mut String) {
    let end = random.chance(25);
    out.push('<');
    if end {
        out.push('/');
    }
    out.push_str(random.pick(TAG_NAMES));
    let attributes = if end && !random.chance(15) { 0 } else { random.below(4) };
    let mut previous = "";
    for _ in 0..attributes {
        out.push_str(random.pick(SEPARATORS));
        // Duplicates now and then.
        let name = if !previous.is_empty() && random.chance(15) {
            previous
        } else {
            random.pick(ATTRIBUTE_NAMES)
        };
        previous = name;
        out.push_str(name);
        match random.below(8) {
            0 => {}
            1 => {
                out.push('=');
                out.push_str(random.pick(ATTRIBUTE_VALUES).split([' ', '>']).next().unwrap_or(""));
            }
            2 => {
                out.push_str(" = ");
                out.push_str(random.pick(ATTRIBUTE_VALUES).split([' ', '>']).next().unwrap_or(""));
            }
            3 | 4 => {
                out.push_str("=\"");
                out.push_str(&random.pick(ATTRIBUTE_VALUES).replace('"', "'"));
                out.push('"');
            }
            5 => {
                out.push_str("='");
                out.push_str(&random.pick(ATTRIBUTE_VALUES).replace('\'', "\""));
                out.push('\'');
            }
            6 => {
                out.push('=');
                out.push_str(random.pick(ATTRIBUTE_VALUES));
            }
            _ => out.push('='),
        }
    }
    if random.chance(10) {
        out.push_str(random.pick(SEPARATORS));
    }
    match random.below(10) {
        0 => out.push_str("/>"),
        1 => out.push_str(" />"),
        2 if random.chance(30) => {}
        _ => out.push('>'),
    }
}

fn raw_element(random: &mut Random, out: &mut String) {
    let name = random.pick(RAW_ELEMENTS);
    out.push('<');
    out.push_str(name);
    if random.chance(20) {
        out.push_str(" type=x");
    }
    out.push('>');
    for _ in 0..random.below(5) {
        out.push_str(random.pick(RAW_BODIES));
        if random.chance(30) {
            out.push_str(random.pick(TEXTS));
        }
    }
    if random.chance(85) {
        out.push_str("</");
        out.push_str(if random.chance(80) {
            name
        } else {
            random.pick(RAW_ELEMENTS)
        });
        out.push_str(random.pick(&[">", " >", "\n>", "/>", " a=1>", "x>", "", " "]));
    }
}

/// A random piece of markup aimed at the edges of the tokenizer's states.
fn markup(random: &mut Random) -> String {
    let mut out = String::new();
    if random.chance(5) {
        out.push('\u{feff}');
    }
    let items = 1 + random.below(25);
    for _ in 0..items {
        match random.below(10) {
            0..=3 => tag(random, &mut out),
            4 | 5 => out.push_str(random.pick(TEXTS)),
            6 => out.push_str(random.pick(CONSTRUCTS)),
            7 => raw_element(random, &mut out),
            8 => out.push_str(random.pick(&[
                "<svg>",
                "<math>",
                "<math><mi>",
                "<svg><foreignObject>",
                "<math><annotation-xml encoding=text/html>",
                "<table>",
                "<table><tr><td>",
                "<select>",
                "<template>",
                "<frameset>",
                "<head><meta charset=utf-8>",
                "<meta charset=x>",
                "<pre>",
                "<p>",
                "</svg>",
                "</math>",
                "</table>",
                "</select>",
                "</template>",
                "<script></script>",
                "</html>",
                "</body>",
                "<body>",
            ])),
            _ => {
                out.push_str(random.pick(TEXTS));
                out.push_str(random.pick(TEXTS));
            }
        }
    }
    // Cut off now and then, on a character boundary.
    if random.chance(15) && !out.is_empty() {
        let cut = random.below(out.len());
        let cut = out.floor_char_boundary(cut);
        out.truncate(cut);
    }
    out
}

/// How many inputs a random test makes and from which seed: `PAGEWASH_REVIEW_FUZZ_N` (default
/// 3 000) and `PAGEWASH_REVIEW_FUZZ_SEED` (default the test's own).
fn fuzz_run(default_seed: u64) -> (usize, u64) {
    let var = |name: &str| std::env::var(name).ok().and_then(|n| n.parse::<u64>().ok());
    let count = var("PAGEWASH_REVIEW_FUZZ_N").map_or(3000, |n| n as usize);
    (count, var("PAGEWASH_REVIEW_FUZZ_SEED").unwrap_or(default_seed))
}

#[test]
fn random_edge_markup_builds_the_same_arena() {
    let (count, seed) = fuzz_run(0x5DEE_CE66_D1CE_5EED);
    let mut random = Random(seed | 1);
    let inputs: Vec<String> = (0..count).map(|_| markup(&mut random)).collect();
    check_all(inputs.iter().map(String::as_str));
}

/// A page shaped like a real portal's (head with metadata, scripts and styles; nested blocks,
/// a table, a form, inline SVG icons), for [`mutated_pages_build_the_same_arena`] to damage.
const PAGE: &str = concat!(
    "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n",
    "<meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\">\n<title>T &amp; U &#8211; Site</title>\n",
    "<link rel=\"stylesheet\" href=\"/a.css?v=1&amp;x=2\">\n<style>body{margin:0}a>b{c:d}</style>\n",
    "<script type=\"text/javascript\">var a = 1 < 2 && b; document.write('<script></scr'+'ipt>');",
    " /* <!-- */ if (x) { y('</p>'); }</script>\n",
    "<script><!--\nvar s = '<script>x</script>';\n//--></script>\n<noscript><img src=/p.gif></noscript>\n",
    "</head>\n<body class=\"home page\">\n<div id=header><a href=\"/\" title=\"Home\"><img src=\"/logo.png\" alt=\"Logo\"></a>\n",
    "<ul class=nav><li><a href=/a>A</a><li><a href=/b>B</a></ul></div>\n",
    "<svg viewBox=\"0 0 24 24\" class=icon><path d=\"M0 0h24v24H0z\"/><title>Search</title>",
    "<foreignObject><p>x</p></foreignObject><style>.c{}</style></svg>\n",
    "<div class=\"article\"><h1>Headline</h1><p class=byline>By A &amp; B, 2026-11-27</p>\n",
    "<p>First paragraph with &ldquo;quotes&rdquo; and &nbsp; spaces &copy; 2026.</p>\r\n",
    "<p>Second<br/>line <b>bold <i>both</b> italic</i> &#x4e2d;&#25991;</p>\n",
    "<table><tr><th>a<td>1<tr><td>2</table>\n<form action=/s><input type=hidden name=q value=\"&lt;x&gt;\">",
    "<select name=s><option selected>1<option>2</select><textarea>\nt</textarea></form>\n",
    "<pre>\ncode &lt;x&gt;</pre><!-- comment --><!----><math><mi>x</mi></math>\n",
    "</div>\n<div id=footer>&copy; Site<script>f()</script></div>\n</body>\n</html>\n",
);

#[test]
fn mutated_pages_build_the_same_arena() {
    let (count, seed) = fuzz_run(0x0DDB_1A5E_5BAD_5EED);
    let mut random = Random(seed | 1);
    let mut inputs = Vec::with_capacity(count);
    for _ in 0..count {
        let mut page = if random.chance(70) {
            PAGE.to_string()
        } else {
            CASES[random.below(CASES.len())].to_string()
        };
        for _ in 0..1 + random.below(6) {
            let at = page.floor_char_boundary(random.below(page.len() + 1));
            match random.below(6) {
                0 => page.insert_str(at, random.pick(TEXTS)),
                1 => page.insert_str(at, random.pick(CONSTRUCTS)),
                2 => {
                    let mut piece = String::new();
                    tag(&mut random, &mut piece);
                    page.insert_str(at, &piece);
                }
                3 => {
                    let end = page.floor_char_boundary((at + random.below(40)).min(page.len()));
                    page.replace_range(at..end, "");
                }
                4 => {
                    let end = page.floor_char_boundary((at + random.below(60)).min(page.len()));
                    let copy = page[at..end].to_string();
                    let to = page.floor_char_boundary(random.below(page.len() + 1));
                    page.insert_str(to, &copy);
                }
                _ => page.insert_str(
                    at,
                    random.pick(&["\u{feff}", "\r", "\0", "&", "<", ">", "\"", "'", "=", "/"]),
                ),
            }
        }
        if random.chance(10) {
            let cut = page.floor_char_boundary(random.below(page.len() + 1));
            page.truncate(cut);
        }
        inputs.push(page);
    }
    check_all(inputs.iter().map(String::as_str));
}
