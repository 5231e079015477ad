//! Shared test helpers.

use std::path::{Path, PathBuf};

use pagewash::batch::{PipelineOptions, process_all};
use pagewash::input::{Documents, Input, InputOptions};
use pagewash::record::Record;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture files under `dir`, recursively in sorted order (READMEs are not fixtures).
pub fn fixture_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            fixture_files(&path, out);
        } else if path.file_name().is_some_and(|n| n != "README.md") {
            out.push(path);
        }
    }
}

/// Records for one input through the library, as the binary would produce them.
pub fn records_for(path: &Path, input: InputOptions, pipeline: &PipelineOptions) -> Vec<Record> {
    let documents = Documents::new(vec![Input::Path(path.to_path_buf())], None, input).expect("no input list");
    process_all(documents, pipeline).expect("no run failure")
}

/// A command for the release-independent test binary.
pub fn pagewash() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("pagewash").expect("binary is built")
}

/// One WARC record with the given type, id, target URI, content type and block.
pub fn warc_record(warc_type: &str, record_id: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: {record_id}\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2024-04-02T00:00:00Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// An HTTP response block for a WARC `response` record.
pub fn http_response(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// A small WARC: a warcinfo record (not a document), two responses and a WET conversion.
pub fn sample_warc() -> Vec<u8> {
    let mut warc = warc_record(
        "warcinfo",
        "<urn:uuid:info>",
        "",
        "application/warc-fields",
        b"software: test\r\n",
    );
    let page = "<html><head><title>One</title></head><body><p>First page text.</p></body></html>";
    warc.extend(warc_record(
        "response",
        "<urn:uuid:r1>",
        "https://example.com/one",
        "application/http; msgtype=response",
        &http_response("text/html; charset=utf-8", page.as_bytes()),
    ));
    warc.extend(warc_record(
        "request",
        "<urn:uuid:q2>",
        "https://example.com/two",
        "application/http",
        b"GET / HTTP/1.1\r\n\r\n",
    ));
    // A GBK page whose only declaration is the HTTP header.
    let mut gbk_page = b"<html><body><p>".to_vec();
    gbk_page.extend(encoding_rs::GBK.encode("中文网页正文内容").0.iter());
    gbk_page.extend(b"</p></body></html>");
    warc.extend(warc_record(
        "response",
        "<urn:uuid:r2>",
        "https://example.cn/two",
        "application/http; msgtype=response",
        &http_response("text/html; charset=GBK", &gbk_page),
    ));
    warc.extend(warc_record(
        "conversion",
        "<urn:uuid:c3>",
        "https://example.com/three",
        "text/plain",
        "Third document as text.\nSecond line.".as_bytes(),
    ));
    warc
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// Each WARC record gzipped on its own, concatenated (the usual `.warc.gz` layout).
pub fn gzip_members(members: &[Vec<u8>]) -> Vec<u8> {
    members.iter().flat_map(|m| gzip(m)).collect()
}

/// Runs the binary quietly in `cwd`, asserts exit 0, and returns its records.
pub fn run_ok(args: &[&str], cwd: &Path) -> Vec<serde_json::Value> {
    parse_records(&run_ok_stdout(args, cwd))
}

/// Runs the binary quietly in `cwd`, asserts exit 0, and returns its output as written.
pub fn run_ok_stdout(args: &[&str], cwd: &Path) -> Vec<u8> {
    let output = pagewash().current_dir(cwd).args(args).arg("--quiet").output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// The JSON records of a JSONL output.
pub fn parse_records(stdout: &[u8]) -> Vec<serde_json::Value> {
    std::str::from_utf8(stdout)
        .expect("output is UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is a JSON record"))
        .collect()
}

/// `field` of every record, as strings.
pub fn field(records: &[serde_json::Value], field: &str) -> Vec<String> {
    records
        .iter()
        .map(|r| r[field].as_str().unwrap_or("").to_string())
        .collect()
}

/// A small but real article page whose body is `paragraphs`, so the HTML stage has an article
/// to find (a bare `<p>` fragment is not one).
pub fn article_page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
         <article><h1>{title}</h1>\n{body}</article><footer>© Example News</footer></body></html>"
    )
}

/// Sentences long enough to read as article prose.
pub const PROSE: [&str; 3] = [
    "The city council voted on Tuesday to extend the riverside park by two kilometres, after a year of public consultation.",
    "Construction is expected to begin in the spring and to last eighteen months, according to the planning department.",
    "Residents who spoke at the meeting welcomed the decision, though several asked for more cycling paths along the water.",
];

/// The keys of the first record of a JSONL output, in the order they were written.
pub fn record_keys_in_order(jsonl: &[u8]) -> Vec<String> {
    let line = std::str::from_utf8(jsonl).unwrap().lines().next().unwrap();
    let mut keys = Vec::new();
    let mut de = serde_json::Deserializer::from_str(line);
    // serde_json's Map sorts keys unless preserve_order: read the object's keys in order.
    struct Keys<'a>(&'a mut Vec<String>);
    impl<'de> serde::de::Visitor<'de> for Keys<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<String>()? {
                self.0.push(key);
                map.next_value::<serde::de::IgnoredAny>()?;
            }
            Ok(())
        }
    }
    serde::Deserializer::deserialize_map(&mut de, Keys(&mut keys)).unwrap();
    keys
}

/// A fenced code block of README.md: its language, its text, and the heading it is under.
pub struct CodeBlock {
    pub lang: String,
    pub code: String,
    pub heading: String,
}

/// Every fenced code block of README.md, in order.
pub fn readme_blocks() -> Vec<CodeBlock> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut blocks = Vec::new();
    let mut heading = String::new();
    let mut open: Option<CodeBlock> = None;
    for line in readme.lines() {
        match open.as_mut() {
            Some(_) if line.starts_with("```") => blocks.extend(open.take()),
            Some(block) => {
                block.code.push_str(line);
                block.code.push('\n');
            }
            None if line.starts_with("```") => {
                open = Some(CodeBlock {
                    lang: line.trim_start_matches('`').trim().to_string(),
                    code: String::new(),
                    heading: heading.clone(),
                });
            }
            None if line.starts_with('#') => heading = line.trim_start_matches('#').trim().to_string(),
            None => {}
        }
    }
    assert!(open.is_none(), "README.md has an unclosed code block");
    blocks
}

/// The README's Spark recipe: the one Python block, under "As a Spark stage".
pub fn spark_recipe() -> String {
    let mut python: Vec<CodeBlock> = readme_blocks().into_iter().filter(|b| b.lang == "python").collect();
    assert_eq!(python.len(), 1, "README.md has one Python block, the Spark recipe");
    assert_eq!(python[0].heading, "As a Spark stage");
    python.remove(0).code
}

/// The directory holding the pagewash binary under test, for a `PATH`.
pub fn binary_dir() -> PathBuf {
    assert_cmd::cargo::cargo_bin("pagewash").parent().unwrap().to_path_buf()
}

/// `PATH` with the binary under test first.
pub fn path_with_binary() -> std::ffi::OsString {
    let mut paths = vec![binary_dir()];
    paths.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    std::env::join_paths(paths).unwrap()
}

/// A small crawl: `files` WARC files of `pages` page records each (and a request record,
/// which is no document), alternately plain and gzipped per record, under `dir`; returns their
/// paths. Pages differ in text, encoding (some GBK, declared only by the HTTP header) and kind
/// (some WET-style text conversions).
pub fn warc_crawl(dir: &Path, files: usize, pages: usize) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    (0..files)
        .map(|f| {
            let mut records = Vec::new();
            for p in 0..pages {
                let n = f * pages + p;
                let uri = format!("https://news{}.example/{n}.html", n % 3);
                let id = format!("<urn:uuid:{f:04}-{p:04}>");
                let record = match n % 4 {
                    0 => {
                        let body = format!("<p>第{n}篇：江南市今年计划改造老旧小区，涉及居民三万余户。</p>");
                        let mut gbk = b"<html><body>".to_vec();
                        gbk.extend(encoding_rs::GBK.encode(&body).0.iter());
                        gbk.extend(b"</body></html>");
                        let block = http_response("text/html; charset=GBK", &gbk);
                        warc_record("response", &id, &uri, "application/http; msgtype=response", &block)
                    }
                    1 => {
                        let text = format!("Story {n}.\n{}\n{}", PROSE[n % 3], PROSE[(n + 1) % 3]);
                        warc_record("conversion", &id, &uri, "text/plain", text.as_bytes())
                    }
                    _ => {
                        let page = article_page(&format!("Story number {n}"), &[PROSE[n % 3], PROSE[(n + 2) % 3]]);
                        let block = http_response("text/html; charset=utf-8", page.as_bytes());
                        warc_record("response", &id, &uri, "application/http; msgtype=response", &block)
                    }
                };
                records.push(record);
            }
            records.push(warc_record(
                "request",
                &format!("<urn:uuid:{f:04}-req>"),
                "https://news0.example/",
                "application/http; msgtype=request",
                b"GET / HTTP/1.1\r\n\r\n",
            ));
            let (name, bytes) = if f % 2 == 0 {
                (format!("crawl-{f:02}.warc.gz"), gzip_members(&records))
            } else {
                (format!("crawl-{f:02}.warc"), records.concat())
            };
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect()
}

/// Records sorted by id, ids unique: runs that split the work can be compared record for record.
pub fn by_id(mut records: Vec<serde_json::Value>) -> Vec<serde_json::Value> {
    records.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    let ids = field(&records, "id");
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "ids are unique");
    records
}
