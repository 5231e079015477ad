//! Schema.org metadata from `<script type="application/ld+json">`.

use serde_json::Value;

/// What the page's JSON-LD says about its article.
#[derive(Debug, Default, Clone)]
pub struct LinkedData {
    pub headline: Option<String>,
    /// The article's `name`, which some sites fill instead of (or better than) `headline`.
    pub name: Option<String>,
    pub authors: Vec<String>,
    /// The authors are organisations (no person was named).
    pub authors_are_organisations: bool,
    /// The authors typed `Person` (a personal site's owner is its publisher's name too).
    pub typed_people: Vec<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub publisher: Option<String>,
    pub breadcrumbs: Vec<String>,
    pub url: Option<String>,
    /// An event (`Event`, `MusicEvent`…) is described: the dates the page shows are its own.
    pub event: bool,
    /// An article-like type (`NewsArticle`, `BlogPosting`…) was found, not only `WebPage`.
    pub article: bool,
    /// The article's `articleBody`: its text as the publisher gives it, a line per paragraph.
    pub body: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "techarticle",
    "scholarlyarticle",
    "report",
    "liveblogposting",
    "socialmediaposting",
    "discussionforumposting",
    "posting",
    "medicalwebpage",
    "review",
    "recipe",
    "howto",
];

/// Bounds the walk over a JSON-LD document (nodes visited).
const MAX_NODES: usize = 5_000;

/// The largest JSON-LD script read (real ones are a few kilobytes, product pages' some hundreds).
const MAX_SCRIPT_BYTES: usize = 4 << 20;

/// The most `author` entries read from one article.
const MAX_AUTHORS: usize = 1_000;

impl LinkedData {
    /// Adds what one script's JSON says. Invalid JSON is ignored.
    pub fn add_script(&mut self, json: &str) {
        // Parsed whole into a tree of values (some 24 bytes a byte of input) of which the walk
        // reads 5 000 nodes: past this size a block is a data dump, not an article's metadata.
        if json.len() > MAX_SCRIPT_BYTES {
            return;
        }
        let json = json.trim().trim_start_matches("<!--").trim_end_matches("-->").trim();
        let json = json.trim_start_matches("<![CDATA[").trim_end_matches("]]>").trim();
        let json = json.trim_start_matches("//<![CDATA[").trim_end_matches("//]]>").trim();
        let value: Value = match serde_json::from_str(json) {
            Ok(v) => v,
            Err(_) => match serde_json::from_str(&json.replace(['\n', '\r', '\t'], " ")) {
                Ok(v) => v,
                Err(_) => return,
            },
        };
        let mut stack = vec![&value];
        let mut visited = 0;
        while let Some(v) = stack.pop() {
            visited += 1;
            if visited > MAX_NODES {
                break;
            }
            match v {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(map) => {
                    let types = type_names(map.get("@type"));
                    if types.iter().any(|t| t == "breadcrumblist") {
                        if self.breadcrumbs.is_empty() {
                            self.breadcrumbs = breadcrumb_names(map.get("itemListElement"));
                        }
                        continue;
                    }
                    self.event |= types.iter().any(|t| t.ends_with("event"));
                    let article = types.iter().any(|t| ARTICLE_TYPES.contains(&t.as_str()));
                    let page = types.iter().any(|t| t.ends_with("webpage"));
                    if article || (page && !self.article) {
                        self.take_article(map, article);
                    }
                    if let Some(graph) = map.get("@graph") {
                        stack.push(graph);
                    }
                    if let Some(main) = map.get("mainEntity").or_else(|| map.get("mainEntityOfPage")) {
                        stack.push(main);
                    }
                }
                _ => {}
            }
        }
    }

    fn take_article(&mut self, map: &serde_json::Map<String, Value>, article: bool) {
        let replace = article && !self.article;
        if replace {
            self.article = true;
        }
        let set = |slot: &mut Option<String>, value: Option<String>| {
            if (slot.is_none() || replace) && value.is_some() {
                *slot = value;
            }
        };
        set(&mut self.headline, string(map.get("headline")));
        set(&mut self.name, string(map.get("name")));
        set(
            &mut self.published,
            string(map.get("datePublished")).or_else(|| string(map.get("dateCreated"))),
        );
        set(&mut self.modified, string(map.get("dateModified")));
        set(&mut self.publisher, map.get("publisher").and_then(name_of));
        set(&mut self.body, map.get("articleBody").and_then(lines));
        if map.get("url").is_some() {
            set(&mut self.url, string(map.get("url")));
        }
        let (authors, organisations, typed_people) = names(map.get("author").or_else(|| map.get("creator")));
        if !authors.is_empty() && (self.authors.is_empty() || replace) {
            self.authors = authors;
            self.authors_are_organisations = organisations;
            self.typed_people = typed_people;
        }
    }
}

fn type_names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str())
            .map(|s| s.to_ascii_lowercase())
            .collect(),
        _ => Vec::new(),
    }
}

fn string(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => {
            let s = super::text::fold_space(&crate::extract::metadata::unescape_entities(s));
            (!s.is_empty()).then_some(s)
        }
        Value::Array(items) => items.first().and_then(|v| string(Some(v))),
        _ => None,
    }
}

/// A text value with its line breaks kept, each line's space folded; `None` when empty.
fn lines(value: &Value) -> Option<String> {
    let text = crate::extract::metadata::unescape_entities(value.as_str()?);
    let mut out = String::new();
    for line in text.lines().map(super::text::fold_space).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
    }
    (!out.is_empty()).then_some(out)
}

fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::String(_) => string(Some(value)),
        Value::Object(map) => string(map.get("name")),
        Value::Array(items) => items.first().and_then(name_of),
        _ => None,
    }
}

/// Person names of an `author` value; organisations count only when no person is named (the
/// flag then says so).
fn names(value: Option<&Value>) -> (Vec<String>, bool, Vec<String>) {
    let Some(value) = value else {
        return (Vec::new(), false, Vec::new());
    };
    let items: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    let mut people = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut organisations = Vec::new();
    let mut typed_people = Vec::new();
    // A byline names a handful of people, a large collaboration some hundreds; past that a list
    // is not a byline, and reading it all would only cost time.
    for item in items.into_iter().take(MAX_AUTHORS) {
        let is_org = item
            .get("@type")
            .and_then(Value::as_str)
            .is_some_and(|t| t.eq_ignore_ascii_case("organization") || t.eq_ignore_ascii_case("newsmediaorganization"));
        if let Some(name) = name_of(item)
            && !name.starts_with("http")
        {
            let typed_person = item
                .get("@type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.eq_ignore_ascii_case("person"));
            if is_org {
                organisations.push(name);
            } else if seen.insert(name.clone()) {
                if typed_person {
                    typed_people.push(name.clone());
                }
                people.push(name);
            }
        }
    }
    if people.is_empty() {
        (organisations, true, typed_people)
    } else {
        (people, false, typed_people)
    }
}

fn breadcrumb_names(value: Option<&Value>) -> Vec<String> {
    let Some(Value::Array(items)) = value else {
        return Vec::new();
    };
    let mut crumbs: Vec<(i64, String)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let position = item.get("position").and_then(Value::as_i64).unwrap_or(i as i64);
            let name = string(item.get("name")).or_else(|| item.get("item").and_then(name_of))?;
            Some((position, name))
        })
        .collect();
    crumbs.sort_by_key(|(p, _)| *p);
    crumbs.into_iter().map(|(_, n)| n).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_huge_script_is_not_read() {
        let mut ld = LinkedData::default();
        let authors: Vec<String> = (0..400_000).map(|i| format!(r#"{{"name":"n{i}"}}"#)).collect();
        let json = format!(
            r#"{{"@type":"NewsArticle","headline":"H","author":[{}]}}"#,
            authors.join(",")
        );
        assert!(json.len() > MAX_SCRIPT_BYTES);
        ld.add_script(&json);
        assert_eq!(ld.headline, None);
        let mut ld = LinkedData::default();
        ld.add_script(r#"{"@type":"NewsArticle","headline":"H"}"#);
        assert_eq!(ld.headline.as_deref(), Some("H"));
    }

    use super::*;

    #[test]
    fn an_event_is_told_from_an_article() {
        let mut ld = LinkedData::default();
        ld.add_script(r#"[{"@type":"MusicEvent","name":"Konzert","startDate":"2024-03-14T19:00:00+01:00"}]"#);
        assert!(ld.event && !ld.article);
        let mut ld = LinkedData::default();
        ld.add_script(r#"{"@type":"NewsArticle","headline":"H"}"#);
        assert!(!ld.event && ld.article);
    }

    #[test]
    fn article_in_graph() {
        let mut ld = LinkedData::default();
        ld.add_script(
            r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
            {"@type":"NewsArticle","headline":"A &amp; B","datePublished":"2024-04-02T07:56:00+08:00",
             "author":[{"@type":"Person","name":"Li Wei"},{"@type":"Person","name":"Zhang San"}],
             "publisher":{"@type":"Organization","name":"Example News"}},
            {"@type":"BreadcrumbList","itemListElement":[{"@type":"ListItem","position":2,"name":"World"},
             {"@type":"ListItem","position":1,"item":{"@id":"/","name":"Home"}}]}]}"#,
        );
        assert_eq!(ld.headline.as_deref(), Some("A & B"));
        assert_eq!(ld.authors, ["Li Wei", "Zhang San"]);
        assert_eq!(ld.published.as_deref(), Some("2024-04-02T07:56:00+08:00"));
        assert_eq!(ld.publisher.as_deref(), Some("Example News"));
        assert_eq!(ld.breadcrumbs, ["Home", "World"]);
        assert!(ld.article);
    }

    #[test]
    fn invalid_json_is_ignored() {
        let mut ld = LinkedData::default();
        ld.add_script("{\"@type\": \"NewsArticle\", ");
        ld.add_script("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[");
        assert!(ld.headline.is_none());
    }
}
