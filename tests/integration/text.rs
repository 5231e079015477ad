//! Plain-text pages: the seed's shape, JSONL `text` records, clean texts left alone.

use std::fs;

use pagewash::batch::PipelineOptions;
use pagewash::input::InputOptions;

use crate::util::{field, records_for, root, run_ok};

/// The lines of a text as a careful reader would keep them: trimmed, blank lines dropped.
fn non_blank_lines(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn jsonl_text_records_are_cleaned_under_their_own_ids() {
    let dir = tempfile::tempdir().unwrap();
    let records = [
        serde_json::json!({
            "id": "wet-0001",
            "url": "https://news.example.com/2024/04/02/ferry",
            "text": "Example Coast Herald\nHome\nNews\nHarbour ferry returns after winter repairs\nBy Tom Baker\n\
                     Published April 2, 2024\nShare this article\nThe harbour ferry returned to service on Monday \
                     after three months of repairs.\nRegular passengers gathered on the quay to welcome it back.\n\
                     © 2024 Example Coast Herald",
        }),
        serde_json::json!({
            "id": 17,
            "text": "人民网|地方频道\n首页 > 地方\n\n老旧小区加装电梯提速\n\n2024年04月01日08:30  来源：人民网\n\n\
                     今年以来，多地加快推进老旧小区加装电梯工作，简化审批流程。\n\n（责任编辑：赵静）",
        }),
        serde_json::json!({"text": "A plain note.\nIt has two lines, and both of them stay."}),
    ];
    let jsonl: String = records.iter().map(|r| r.to_string() + "\n").collect();
    fs::write(dir.path().join("pages.jsonl"), jsonl).unwrap();
    let out = run_ok(&["pages.jsonl"], dir.path());
    assert_eq!(field(&out, "id"), ["wet-0001", "17", "pages.jsonl:3"]);
    assert_eq!(field(&out, "kind"), ["text", "text", "text"]);
    assert_eq!(
        out[0]["text"],
        "The harbour ferry returned to service on Monday after three months of repairs.\n\
         Regular passengers gathered on the quay to welcome it back."
    );
    assert_eq!(out[0]["url"], "https://news.example.com/2024/04/02/ferry");
    assert_eq!(out[0]["title"], "Harbour ferry returns after winter repairs");
    assert_eq!(out[0]["author"], "Tom Baker");
    assert_eq!(out[0]["published"], "2024-04-02");
    assert_eq!(out[0]["site"], "Example Coast Herald");
    assert_eq!(
        out[1]["text"],
        "今年以来，多地加快推进老旧小区加装电梯工作，简化审批流程。"
    );
    assert_eq!(out[1]["title"], "老旧小区加装电梯提速");
    assert_eq!(out[1]["published"], "2024-04-01T08:30:00+08:00");
    assert_eq!(out[1]["source"], "人民网");
    assert_eq!(out[1]["site"], "人民网");
    assert_eq!(out[1]["author"], serde_json::Value::Null);
    assert_eq!(
        out[2]["text"],
        "A plain note.\nIt has two lines, and both of them stay."
    );
}

#[test]
fn jsonl_custom_text_field() {
    let dir = tempfile::tempdir().unwrap();
    let line = serde_json::json!({"doc": "a-1", "body": "标题：测试页面\n\n正文第一段，内容完整。\n\n责任编辑：李四"});
    fs::write(dir.path().join("in.jsonl"), line.to_string() + "\n").unwrap();
    let out = run_ok(&["--text-field", "body", "--id-field", "doc", "in.jsonl"], dir.path());
    assert_eq!(field(&out, "id"), ["a-1"]);
    assert_eq!(out[0]["text"], "正文第一段，内容完整。");
}

#[test]
fn clean_texts_come_out_unchanged() {
    for name in ["en-clean-essay.txt", "zh-clean-story.txt", "en-poem.txt"] {
        let path = root().join("fixtures/text").join(name);
        let input = fs::read_to_string(&path).unwrap();
        let records = records_for(&path, InputOptions::default(), &PipelineOptions::default());
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].text, non_blank_lines(&input), "{name}");
        assert!(records[0].spam.is_empty(), "{name}");
        assert_eq!(records[0].author, None, "{name}");
        assert_eq!(records[0].published, None, "{name}");
    }
}

/// Clean texts written one paragraph a line, holding lines that start like chrome or bylines
/// (`By the time…`, `Home is where…`, `来源不明…`, a bare date): the text is the input, byte for
/// byte (the file's final line break aside), from a file and from a JSONL record alike.
#[test]
fn clean_texts_one_paragraph_a_line_are_the_input_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut jsonl = String::new();
    let names = ["en-clean-allotment-notes.txt", "zh-clean-shop-essay.txt"];
    for name in names {
        let path = root().join("fixtures/text").join(name);
        let input = fs::read_to_string(&path).unwrap();
        let input = input.strip_suffix('\n').unwrap_or(&input);
        let records = records_for(&path, InputOptions::default(), &PipelineOptions::default());
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].text, input, "{name}");
        assert!(records[0].spam.is_empty(), "{name}");
        assert_eq!((&records[0].author, &records[0].published), (&None, &None), "{name}");
        jsonl.push_str(&(serde_json::json!({"id": name, "text": input}).to_string() + "\n"));
    }
    fs::write(dir.path().join("clean.jsonl"), jsonl).unwrap();
    let out = run_ok(&["clean.jsonl"], dir.path());
    assert_eq!(field(&out, "id"), names);
    for (record, name) in out.iter().zip(names) {
        let input = fs::read_to_string(root().join("fixtures/text").join(name)).unwrap();
        assert_eq!(record["text"], input.trim_end_matches('\n'), "{name}");
    }
}

/// The seed's fields as the issue states them: metadata, 27 paragraphs, first, last and the
/// three section headings.
fn assert_seed_fields(record: &pagewash::record::Record) {
    assert_eq!(
        record.title.as_deref(),
        Some("以組織擔當激勵干部擔當(深度關注·提振黨員干部干事創業精氣神②)")
    );
    assert_eq!(record.author.as_deref(), Some("胡婧怡"));
    assert_eq!(record.published.as_deref(), Some("2024-04-02T07:56:00+08:00"));
    assert_eq!(record.source.as_deref(), Some("人民網-人民日報"));
    assert_eq!(record.site.as_deref(), Some("中國共產黨新聞網"));
    let lines: Vec<&str> = record.text.lines().collect();
    assert_eq!(lines.len(), 27);
    assert!(lines[0].starts_with("“鎮內24座橋梁護欄的維修改造項目"), "{}", lines[0]);
    assert!(lines[26].ends_with("遼寧省委組織部相關負責同志說。"));
    assert_eq!(lines[3], "樹導向、選賢能,激發干事創業的內生動力");
    assert_eq!(lines[13], "優素質、強能力,提升推動發展的履職本領");
    assert_eq!(lines[20], "建機制、促實干,營造擔當作為的良好環境");
}

/// The seed as it arrives, through the decode stage's repairs and the spam stage.
#[test]
fn seed_through_the_pipeline() {
    let path = root().join("fixtures/text/seed_000_bb0e7e24000132db.txt");
    let records = records_for(&path, InputOptions::default(), &PipelineOptions::default());
    let record = &records[0];
    assert_seed_fields(record);
    assert_eq!(record.breadcrumbs, ["首頁", "正文"]);
    for absent in [
        "作者",
        "來源:",
        "首頁",
        "《 人民日報 》",
        "玛多县",
        "遼寧省樹導",
        "(chǎn)",
        "</p>",
    ] {
        assert!(!record.text.contains(absent), "{absent}");
    }
    assert_eq!(record.spam.len(), 1);
    assert_eq!(record.spam[0].items, 40);
}

/// The seed with the decode stage's repairs done by hand: every field as the issue states it.
#[test]
fn repaired_seed_fields() {
    let path = root().join("fixtures/text/seed_repaired_by_hand.txt");
    let records = records_for(&path, InputOptions::default(), &PipelineOptions::default());
    let record = &records[0];
    assert_seed_fields(record);
}

#[test]
fn text_pages_never_lose_their_only_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("a.txt", "作者：张三\n"),
        ("b.txt", "Home\nShare\n"),
        ("c.txt", "By Jane Doe\nThe only paragraph of the story is here.\n"),
        ("d.txt", "\n\n\n"),
    ] {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let out = run_ok(&["a.txt", "b.txt", "c.txt", "d.txt"], dir.path());
    assert_eq!(out[0]["text"], "");
    assert_eq!(out[0]["author"], "张三");
    assert_eq!(out[1]["text"], "");
    assert_eq!(out[2]["text"], "The only paragraph of the story is here.");
    assert_eq!(out[2]["author"], "Jane Doe");
    assert_eq!(out[3]["text"], "");
}

/// A list the text stage drops with the page's furniture (here one county a line under the
/// footer, and one above the masthead) still reaches the spam stage, reported as found in chrome.
#[test]
fn spam_lists_dropped_as_chrome_are_still_reported() {
    let counties = "玛多县\n新郑市\n东安县\n和林格尔县\n阿拉善左旗\n精河县\n盐池县\n静乐县\n漠河县\n梁河县\n";
    let article = "新闻网|地方频道\n首页 > 地方\n老旧小区加装电梯提速\n2024年04月01日08:30  来源：新闻网\n\
                   今年以来，多地加快推进老旧小区加装电梯工作，简化审批流程，居民上下楼更方便了。\n\
                   据介绍，今年全市计划完成加装电梯三百部，目前已开工一百二十部，进度过半。\n\
                   （责任编辑：赵静）\n分享到：\n微信\n微博\n版权所有 新闻网\n";
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("tail.txt"), format!("{article}{counties}")).unwrap();
    fs::write(dir.path().join("head.txt"), format!("{counties}{article}")).unwrap();
    let out = run_ok(&["tail.txt", "head.txt"], dir.path());
    assert_eq!(field(&out, "id"), ["tail.txt", "head.txt"]);
    for record in &out {
        assert_eq!(
            record["text"],
            "今年以来，多地加快推进老旧小区加装电梯工作，简化审批流程，居民上下楼更方便了。\n\
             据介绍，今年全市计划完成加装电梯三百部，目前已开工一百二十部，进度过半。"
        );
        let spam = record["spam"].as_array().unwrap();
        assert_eq!(spam.len(), 1, "{spam:?}");
        assert_eq!(spam[0]["kind"], "place-list");
        assert_eq!(spam[0]["where"], "chrome");
        assert_eq!(spam[0]["items"], 10);
        assert_eq!(record["title"], "老旧小区加装电梯提速");
    }
}

/// A WET file of two sites, three pages each, in languages no word list knows: run whole, each
/// site's template (menu, newsletter prompt, footer) learned across its pages goes; each page
/// alone keeps at least as much, and all the article paragraphs are kept either way. The same
/// records under any number of threads.
#[test]
fn batch_learning_drops_each_sites_template() {
    use pagewash::batch::{process, process_all};
    use pagewash::input::{Documents, Input};

    let path = root().join("fixtures/text/two-sites.warc.wet");
    let arg = path.to_string_lossy().into_owned();
    let documents = || Documents::new(vec![Input::Path(path.clone())], None, InputOptions::default()).unwrap();
    let options = PipelineOptions::default();
    let page = |r: &pagewash::record::Record| r.error.is_none();
    let whole: Vec<_> = process_all(documents(), &options)
        .unwrap()
        .into_iter()
        .filter(page)
        .collect();
    let alone: Vec<_> = documents()
        .map(|doc| process(doc.unwrap(), &options))
        .filter(page)
        .collect();
    assert_eq!(whole.len(), 6);
    let mut learned_something = false;
    for (batch, single) in whole.iter().zip(&alone) {
        let batch_lines: Vec<&str> = batch.text.lines().collect();
        let single_lines: Vec<&str> = single.text.lines().collect();
        assert!(
            batch_lines.iter().all(|l| single_lines.contains(l)),
            "{batch_lines:?}\n{single_lines:?}"
        );
        let paragraphs: Vec<&str> = single_lines
            .iter()
            .copied()
            .filter(|l| l.split(' ').count() > 12)
            .collect();
        assert_eq!(paragraphs.len(), 3, "{single_lines:?}");
        assert!(paragraphs.iter().all(|p| batch_lines.contains(p)));
        assert_eq!(batch_lines.len(), 3, "only the article stays: {batch_lines:?}");
        learned_something |= single_lines.len() > batch_lines.len();
    }
    assert!(learned_something, "the template is left alone on some page alone");

    let dir = tempfile::tempdir().unwrap();
    let args = |j: &'static str| [arg.clone(), "-j".to_string(), j.to_string()];
    let one = run_ok(&args("1").each_ref().map(String::as_str), dir.path());
    let two = run_ok(&args("2").each_ref().map(String::as_str), dir.path());
    assert_eq!(one, two);
    let texts: Vec<&str> = one.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert_eq!(texts, whole.iter().map(|r| r.text.as_str()).collect::<Vec<_>>());
}
