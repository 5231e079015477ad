//! The decode stage end to end: the seed page's 14 misaligned-GBK spans and its pinyin
//! annotations, the repairs as the pipeline applies them, and (when `../shared/corpus` is
//! there) proof that no repair touches the corpus's clean gold texts.

use std::path::Path;

use pagewash::decode::repair::{self, Origin, RepairLog, RepairOptions};

fn repair_with(text: &str, origin: Origin) -> (String, RepairLog) {
    let mut log = RepairLog::default();
    let out = repair::repair(text, origin, &RepairOptions::default(), &mut log);
    (out.into_owned(), log)
}

/// The 14 damaged spans of the seed page, as they stand there (with a little context), and
/// what the author wrote. Pinyin annotations next to them are removed too, and a `</p>` the
/// damage had hidden is then leaked markup. The last span was annotated while misread
/// (`聯(lián)` for the bytes C2 93 of 事擇) and its lost byte swallowed with the `(`.
const SEED_SPANS: &[(&str, &str)] = &[
    ("實(shí)事?!?/p>\n\n近年來", "實事。”\n\n近年來"),
    ("體現(xiàn)?!焙\u{e2bd}J島市委組織部", "體現。”葫蘆島市委組織部"),
    ("視局局長?!?/p>\n\n葫蘆島市", "視局局長。”\n\n葫蘆島市"),
    ("堅決不用?!崩钜步榻B,葫蘆島市", "堅決不用。”李也介紹,葫蘆島市"),
    ("任副縣長?!敖M織對我們有", "任副縣長。“組織對我們有"),
    ("扎下根來?!彼均i飛說,“從科研", "扎下根來。”司鵬飛說,“從科研"),
    ("題的能力?!?/p>\n\n堅持事業", "題的能力。”\n\n堅持事業"),
    ("各項政策?!鄙蜿柺袦喣蠀^(qū)委常委", "各項政策。”沈陽市渾南區委常委"),
    ("快就滿了?!备岛\u{e14e}f,“組織部門", "快就滿了。”傅涵說,“組織部門"),
    ("開展工作?!?/p>\n\n對縣委書記", "開展工作。”\n\n對縣委書記"),
    ("更有底氣?!懊總€崗位、每段經(jīng)歷", "更有底氣。“每個崗位、每段經歷"),
    ("干的歷練?!彼\u{e382}f。\n\n遼寧加強", "干的歷練。”他說。\n\n遼寧加強"),
    ("組織保證?!边|寧省委組織部", "組織保證。”遼寧省委組織部"),
    ("為上、依事?lián)袢?,遼寧拓寬", "為上、依事擇人,遼寧拓寬"),
];

#[test]
fn seed_spans_are_restored() {
    for (damaged, expected) in SEED_SPANS {
        let (out, log) = repair_with(damaged, Origin::PlainText);
        assert_eq!(out, *expected, "{damaged:?}");
        assert_eq!(log.count(repair::MISALIGNED_GBK), 1, "{damaged:?}");
    }
}

#[test]
fn seed_spans_in_html_blocks_keep_their_markup_alone() {
    // Text from an HTML tree: a `</p>` restored from the damage is the page's own text there.
    let (out, log) = repair_with("開展工作?!?/p>", Origin::HtmlText);
    assert_eq!(out, "開展工作。”</p>");
    assert_eq!(log.count(repair::MISALIGNED_GBK), 1);
    assert_eq!(log.count(repair::LEAKED_MARKUP), 0);
}

#[test]
fn each_repair_can_be_turned_off() {
    for kind in repair::KINDS {
        let opts = RepairOptions {
            disabled: vec![kind.to_string()],
        };
        let mut log = RepairLog::default();
        let text = "鍙戝竷鏃堕棿 Ã© ·¢²¼Ê±¼ä 產(chǎn)業 扎下根來?!彼均i飛說 锟斤拷</p>";
        let _ = repair::repair(text, Origin::PlainText, &opts, &mut log);
        assert_eq!(log.count(kind), 0, "{kind}");
        let others: u64 = repair::KINDS.iter().map(|k| log.count(k)).sum();
        assert!(others >= 5, "{kind}: {:?}", log.into_counts());
    }
}

/// Pinyin annotations of the seed's header and byline.
#[test]
fn seed_pinyin_annotations() {
    let cases = [
        (
            "中國共產(chǎn)黨新聞網(wǎng)|黨建頻道|黨建數(shù)據(jù)庫",
            "中國共產黨新聞網|黨建頻道|黨建數據庫",
            4,
        ),
        (
            "遼寧省樹導(dǎo)向、優(yōu)素質(zhì)、建機(jī)制——",
            "遼寧省樹導向、優素質、建機制——",
            4,
        ),
        ("發(fā)布時間:2024年04月02日 07:56", "發布時間:2024年04月02日 07:56", 1),
        ("來源:人民網(wǎng)-人民日報", "來源:人民網-人民日報", 1),
        ("面向優(yōu)秀村(社區(qū))黨組織書記", "面向優秀村(社區)黨組織書記", 2),
        ("《關(guān)于…實施細(xì)則(試行)》", "《關于…實施細則(試行)》", 2),
    ];
    for (annotated, expected, count) in cases {
        let (out, log) = repair_with(annotated, Origin::HtmlText);
        assert_eq!(out, expected);
        assert_eq!(log.count(repair::PINYIN_ANNOTATION), count, "{annotated}");
    }
}

/// The whole seed page, when the shared folder is there: 14 spans restored, every pinyin
/// annotation gone, no marker or private-use character left.
#[test]
fn seed_page_if_present() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/000_bb0e7e24000132db.txt");
    let Ok(seed) = std::fs::read_to_string(&path) else {
        eprintln!("{} not found, skipping", path.display());
        return;
    };
    let (out, log) = repair_with(&seed, Origin::PlainText);
    assert_eq!(log.count(repair::MISALIGNED_GBK), 14);
    assert_eq!(log.count(repair::LEAKED_MARKUP), 4);
    assert!(log.count(repair::PINYIN_ANNOTATION) >= 419);
    for (_, expected) in SEED_SPANS {
        let core = expected.split('\n').next().unwrap_or(expected);
        assert!(out.contains(core), "{core}");
    }
    assert!(!out.contains("?!"));
    assert!(!out.contains("</p>"));
    assert!(!out.chars().any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c)));
    assert!(!out.contains('?'), "no marker left");
    assert!(out.contains("依事擇人,"));
}

/// Every repair over every gold text of `../shared/corpus` (clean text by construction) must
/// change nothing. Skips when the corpus is absent.
#[test]
fn gold_texts_are_untouched() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("{} not found, skipping", corpus.display());
        return;
    }
    let mut texts: Vec<(String, String)> = Vec::new();
    let json = |path: &Path| -> Option<serde_json::Value> { serde_json::from_slice(&std::fs::read(path).ok()?).ok() };
    if let Some(serde_json::Value::Object(map)) = json(&corpus.join("extract-en/ground-truth.json")) {
        for (id, entry) in map {
            if let Some(body) = entry.get("articleBody").and_then(|b| b.as_str()) {
                texts.push((format!("extract-en/{id}"), body.to_string()));
            }
        }
    }
    if let Some(serde_json::Value::Object(map)) = json(&corpus.join("extract-mixed/base.json")) {
        for (id, entry) in map {
            if let Some(content) = entry.get("content").and_then(|b| b.as_str()) {
                texts.push((format!("extract-mixed/{id}"), content.to_string()));
            }
        }
    }
    if let Ok(dirs) = std::fs::read_dir(corpus.join("readability")) {
        for dir in dirs.flatten() {
            if let Ok(html) = std::fs::read_to_string(dir.path().join("expected.html")) {
                // The article's visible text, through our own HTML stage.
                let text = pagewash::extract::extract(&html, None).text();
                texts.push((format!("readability/{}", dir.file_name().to_string_lossy()), text));
            }
        }
    }
    assert!(texts.len() > 300, "gold texts found: {}", texts.len());
    let mut changed = Vec::new();
    for (id, text) in &texts {
        // The gold texts are text of HTML pages, where `<div>` in an article about HTML is
        // text: the pipeline never runs the leaked-markup repair on them (`Origin::HtmlText`).
        // The plain-text pass runs every other family once more without that distinction.
        for origin in [Origin::HtmlText, Origin::PlainText] {
            let opts = RepairOptions {
                disabled: vec![repair::LEAKED_MARKUP.to_string()],
            };
            let mut log = RepairLog::default();
            let out = repair::repair(text, origin, &opts, &mut log);
            // One gold text carries its page's own mojibake (`82.0Â° F`): the only change
            // allowed is that mojibake repaired.
            let expected = if text.contains("Â°") {
                text.replace("Â°", "°")
            } else {
                text.clone()
            };
            if out != expected {
                changed.push(format!("{id} ({origin:?}): {:?}", log.into_counts()));
            }
        }
    }
    eprintln!("{} gold texts checked", texts.len());
    assert!(
        changed.is_empty(),
        "repairs changed clean gold texts:\n{}",
        changed.join("\n")
    );
}

/// `--encoding` takes the real-world aliases, `--no-repair` turns a family off, and a WARC
/// response's HTTP charset is the transport declaration.
#[test]
fn cli_encoding_flags_and_warc_charset() {
    use crate::util::{pagewash, warc_record};

    let dir = tempfile::tempdir().expect("temp dir");
    let gbk = encoding_rs::GBK
        .encode("记者从住房和城乡建设局获悉，今年全市计划改造老旧小区。")
        .0;
    let page = dir.path().join("page.txt");
    std::fs::write(&page, &gbk).expect("write");
    let out = pagewash()
        .arg("--encoding")
        .arg("cp936")
        .arg(&page)
        .output()
        .expect("runs");
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one record");
    assert_eq!(record["encoding"]["name"], "GBK");
    assert_eq!(record["encoding"]["source"], "transport");
    assert!(record["text"].as_str().is_some_and(|t| t.contains("老旧小区")));

    let damaged = dir.path().join("damaged.txt");
    std::fs::write(&damaged, "扎下根来?!彼均i飛說，從科研院所到地方政府。</p>\n").expect("write");
    let out = pagewash().arg(&damaged).output().expect("runs");
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one record");
    assert!(
        record["text"]
            .as_str()
            .is_some_and(|t| t.contains("。”司鵬飛說") && !t.contains("</p>"))
    );
    let out = pagewash()
        .args(["--no-repair", "misaligned-gbk,leaked-markup"])
        .arg(&damaged)
        .output()
        .expect("runs");
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one record");
    assert_eq!(record["repairs"], serde_json::json!([]));

    let html = [b"<html><body><p>".as_slice(), &gbk, b"</p></body></html>"].concat();
    let warc = warc_record(
        "response",
        "<urn:uuid:1>",
        "http://news.example.cn/a.html",
        "application/http; msgtype=response",
        &[
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=GB2312\r\n\r\n".as_slice(),
            &html,
        ]
        .concat(),
    );
    let warc_path = dir.path().join("crawl.warc");
    std::fs::write(&warc_path, warc).expect("write");
    let out = pagewash().arg(&warc_path).output().expect("runs");
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one record");
    assert_eq!(record["encoding"]["declared"], "GB2312");
    assert_eq!(record["encoding"]["source"], "transport");
    assert!(record["text"].as_str().is_some_and(|t| t.contains("老旧小区")));
}

/// Decoding and every repair over many pseudo-random inputs built from the pieces the repairs
/// look for (markers, private use, lone letters, parentheses, mojibake, GBK bytes, cut
/// multi-byte sequences): no panic.
#[test]
fn random_inputs_never_panic() {
    use pagewash::decode::{DecodeOptions, Hints, decode};

    const PIECES: &[&str] = &[
        "?",
        "!",
        "\u{FFFD}",
        "\u{E2BD}",
        "i",
        "J",
        "(",
        ")",
        "（",
        "）",
        "chǎn",
        "zé",
        "產",
        "說",
        "中",
        "的",
        "，",
        "。",
        "”",
        "“",
        "锟斤拷",
        "烫烫烫",
        "鍙戝竷",
        "Ã©",
        "â€™",
        "·¢²¼",
        "</p>",
        "&nbsp;",
        "<br>",
        "€",
        " ",
        "\n",
        "葫蘆島",
        "彼均",
        "a",
        "Z",
        "9",
        "<",
        ">",
        "&",
        ";",
        "涓",
        "\u{0}",
        "é",
        "ü",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    for _ in 0..1000 {
        let len = next() % 24;
        let text: String = (0..len).map(|_| PIECES[next() % PIECES.len()]).collect();
        for origin in [Origin::PlainText, Origin::HtmlText] {
            let (once, _) = repair_with(&text, origin);
            let _ = repair_with(&once, origin);
        }
        let mut bytes = text.clone().into_bytes();
        if next() % 2 == 0 {
            bytes = encoding_rs::GBK.encode(&text).0.into_owned();
        }
        if !bytes.is_empty() && next() % 3 == 0 {
            let cut = next() % bytes.len();
            bytes.remove(cut);
        }
        for html in [false, true] {
            let hints = Hints {
                transport: [None, Some("gbk"), Some("utf-8"), Some("x-no")][next() % 4],
                url: Some("http://例子.cn/x"),
                html,
            };
            let _ = decode(&bytes, &hints, &DecodeOptions::default());
        }
    }
}
